/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The chain engine works in bigint; keep it on the server where it belongs.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
