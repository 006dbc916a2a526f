/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Off unless TAOSCOPE_COMPRESS is on (lib/node/config.ts says why, and names a bad value at start).
  compress: ["1", "true", "on", "yes"].includes((process.env.TAOSCOPE_COMPRESS ?? "").trim().toLowerCase()),
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "@polkadot/wasm-crypto", "@polkadot-labs/schnorrkel-wasm"],
};

export default nextConfig;
