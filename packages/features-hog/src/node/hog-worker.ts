// The worker thread of hogBatchParallel (built as its own entry, dist/hog-worker.js and .cjs): runs
// the HOG kernel over its range of images, reading and writing the shared buffers in place, then
// posts how many images it did.
import { parentPort, workerData } from 'node:worker_threads';
import { compileHogPlan, runHogPlan } from '../hog-kernel';
import type { HogWorkerJob } from './hog-worker-job';

const job = workerData as HogWorkerJob;
const plan = compileHogPlan(job.params);
const src =
  job.kind === 'u8' ? new Uint8Array(job.images, job.imagesOffset, job.imagesLength) : new Float32Array(job.images, job.imagesOffset, job.imagesLength);
const out = new Float32Array(job.out, job.outOffset, job.outLength);
for (let i = job.start; i < job.end; i++) runHogPlan(plan, src, i * job.size, out, i * job.featureLength);
parentPort?.postMessage(job.end - job.start);
