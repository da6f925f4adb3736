import { CITIES } from '../cities';
import type { CityProfile } from '../contracts/city';
import type { Config } from '../contracts/config';

/** The city profile named by CITY, or one clear line and exit 1 (like every other config problem). */
export function cityFromConfigOrExit(config: Config): CityProfile {
  const city = CITIES[config.CITY];
  if (!city) {
    process.stderr.write(
      `cityops: invalid configuration:\n  - CITY: unknown city "${config.CITY}"; known: ${Object.keys(CITIES).join(', ')}\n`,
    );
    process.exit(1);
  }
  return city;
}
