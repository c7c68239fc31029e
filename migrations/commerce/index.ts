import { CommerceSchema1763900000200 } from './1763900000200-commerce-schema';

export const commerceMigrations = [CommerceSchema1763900000200];
