import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, PrimaryKey, Property, OptionalProps } from '@mikro-orm/postgresql';
import { tenantFilter } from '../../core/tenancy/tenant-entity';

export enum SessionStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}

/** A sign-in: the family of refresh tokens that rotate from it. Revoking it ends them all. */
@Entity({ tableName: 'auth_session' })
@Filter(tenantFilter)
export class AuthSession {
  [OptionalProps]?: 'id' | 'status' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  franchiseId!: string;

  @Property({ type: 'uuid', index: true })
  userId!: string;

  @Enum({ items: () => SessionStatus })
  status: SessionStatus = SessionStatus.ACTIVE;

  @Property({ type: 'text', nullable: true })
  revokedReason?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'text', nullable: true })
  clientAddress?: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;
}

/** One refresh token of a session, stored as a keyed digest. A rotated one presented again means theft. */
@Entity({ tableName: 'auth_refresh_token' })
@Filter(tenantFilter)
export class RefreshToken {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'text' })
  digest!: string;

  @Property({ type: 'uuid', index: true })
  sessionId!: string;

  @Property({ type: 'uuid' })
  franchiseId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  rotatedAt?: Date | null;
}

/**
 * Failed sign-ins per account and per client address (not tenant data: keyed by the
 * email typed, which may match no account).
 */
@Entity({ tableName: 'auth_throttle' })
export class AuthThrottle {
  [OptionalProps]?: 'failures' | 'windowStartedAt';

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'int' })
  failures: number = 0;

  @Property({ type: 'timestamptz' })
  windowStartedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;
}
