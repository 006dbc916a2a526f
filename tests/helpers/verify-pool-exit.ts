/**
 * A process that uses the signature pool and then lets go of it (tests/unit/verify-pool.test.ts):
 * `close` closes it, `idle` only stops using it. Either way the process must exit by itself,
 * printing the pool's answers for one valid and one tampered signature.
 */
import { keypairFromUri } from "../../lib/chain/keys/keypair";
import { VerifyPool } from "../../lib/node/verify-pool";

const key = keypairFromUri("//verify-pool-exit");
const message = new TextEncoder().encode("taoscope verify pool exit");
const signature = key.sign(message);
const tampered = signature.slice();
tampered[0]! ^= 1;
const pool = new VerifyPool({ workers: 2, minBatch: 1 });
const answers = await pool.verifyMany([
  { message, signature, publicKey: key.publicKey },
  { message, signature: tampered, publicKey: key.publicKey },
]);
if (process.argv[2] === "close") await pool.close();
console.log(JSON.stringify(answers));
