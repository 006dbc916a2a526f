/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "@polkadot/wasm-crypto", "@polkadot-labs/schnorrkel-wasm"],
};

export default nextConfig;
