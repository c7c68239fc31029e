import { PlatformMessaging1763900000000 } from './1763900000000-platform-messaging';
import { PlatformIdentity1763900000050 } from './1763900000050-platform-identity';
import { PlatformCurrencyRates1763900000060 } from './1763900000060-platform-currency-rates';
import { PlatformSettingsSchedules1763900000070 } from './1763900000070-platform-settings-schedules';
import { PlatformDeliveries1763900000080 } from './1763900000080-platform-deliveries';
import { PlatformAsyncOperations1763900000090 } from './1763900000090-platform-async-operations';
import { PlatformMail1763900000095 } from './1763900000095-platform-mail';
import { PlatformStorefrontRefreshTokens1763900000096 } from './1763900000096-platform-storefront-refresh-tokens';
import { PlatformAsyncOperationSource1763900000097 } from './1763900000097-platform-async-operation-source';
import { PlatformAsyncOperationRetention1763900000200 } from './1763900000200-platform-async-operation-retention';
import { PlatformAsyncOperationChunkJson1763900000210 } from './1763900000210-platform-async-operation-chunk-json';

export const platformMigrations = [
  PlatformMessaging1763900000000,
  PlatformIdentity1763900000050,
  PlatformCurrencyRates1763900000060,
  PlatformSettingsSchedules1763900000070,
  PlatformDeliveries1763900000080,
  PlatformAsyncOperations1763900000090,
  PlatformMail1763900000095,
  PlatformStorefrontRefreshTokens1763900000096,
  PlatformAsyncOperationSource1763900000097,
  PlatformAsyncOperationRetention1763900000200,
  PlatformAsyncOperationChunkJson1763900000210,
];
