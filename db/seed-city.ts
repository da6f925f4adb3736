/** Reference data of the configured city (wards from its boundary file, agencies from its profile), upserted at start. */
import type { CityProfile } from '../contracts/city';
import type { Ward } from '../geo/wards';
import type { Db } from './adapter';

export async function seedCity(db: Db, city: CityProfile, wards: readonly Ward[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO wards (code, name, full_name, name_en, type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, full_name = EXCLUDED.full_name, name_en = EXCLUDED.name_en, type = EXCLUDED.type`,
      [
        wards.map((w) => w.code),
        wards.map((w) => w.name),
        wards.map((w) => w.fullName),
        wards.map((w) => w.nameEn),
        wards.map((w) => w.type),
      ],
    );
    const a = city.agencies;
    await tx.query(
      `INSERT INTO agencies (agency_id, name_vi, name_en, level, ward_code, registered)
       SELECT id, vi, en, lvl, ward, true FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, vi, en, lvl, ward)
       ON CONFLICT (agency_id) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
         ward_code = EXCLUDED.ward_code, registered = true`,
      [
        a.map((x) => x.id),
        a.map((x) => x.name_vi),
        a.map((x) => x.name_en),
        a.map((x) => x.level),
        a.map((x) => x.wardCode ?? null),
      ],
    );
  });
}
