/**
 * A local S3-compatible server (s3rver with the multipart calls it lacks, see test/fake-s3.ts) for CI's PostgreSQL run:
 * prints `S3_ENDPOINT=http://127.0.0.1:<port>` once it listens, then serves until it is stopped.
 */
import { startFakeS3 } from '../test/fake-s3.ts';

const s3 = await startFakeS3();
process.stdout.write(`S3_ENDPOINT=${s3.endpoint}\n`);
const stop = () => void s3.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
