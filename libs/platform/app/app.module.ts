import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, PlatformOptions } from '../platform.module';

/** The application: the platform plus the Nest modules of the enabled modules, nothing else. */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), ...options.manifests.map((m) => m.module)],
    };
  }
}
