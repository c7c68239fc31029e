import { PlatformMessaging1763900000000 } from './1763900000000-platform-messaging';

export const platformMigrations = [PlatformMessaging1763900000000];
