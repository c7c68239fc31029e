import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from './app-config';
import { APP_CONFIG_KEY, type AppConfigValues } from './app-config.module';

/** The typed way to read the configuration inside Nest: `config.get('jobAttempts')` is a number. */
@Injectable()
export class AppConfigService {
  constructor(private readonly configService: ConfigService<AppConfigValues, true>) {}

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.all()[key];
  }

  /** The whole configuration (what a setting's default is computed from). */
  all(): AppConfig {
    return this.configService.get(APP_CONFIG_KEY, { infer: true });
  }
}
