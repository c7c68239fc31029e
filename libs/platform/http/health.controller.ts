import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { JOB_DRIVER, JobDriver } from '../jobs/job-driver';
import { JSON_API_MEDIA_TYPE } from '../json-api/api-name';
import { READINESS_RETRY_AFTER, checkReadiness } from './readiness';

/** Liveness (the process answers) and readiness (its database and queue answer too). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
  ) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, body } = await checkReadiness(this.dataSource, this.driver);
    if (!ready) reply.status(HttpStatus.SERVICE_UNAVAILABLE).header('content-type', JSON_API_MEDIA_TYPE).header('retry-after', READINESS_RETRY_AFTER);
    return body;
  }
}
