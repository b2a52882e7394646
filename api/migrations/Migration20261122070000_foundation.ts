import { Migration } from '@mikro-orm/migrations';

/** Extensions every later module relies on (all are trusted: a database owner may create them). */
export class Migration20261122070000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql('create extension if not exists btree_gist;');
    this.addSql('create extension if not exists citext;');
    this.addSql('create extension if not exists pgcrypto;');
  }

  override async down(): Promise<void> {
    // Extensions stay: dropping them would break objects created outside migrations.
  }
}
