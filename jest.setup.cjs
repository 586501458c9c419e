// Quiet tfjs' "install tfjs-node" banner in tests (PROD silences it; IS_TEST would also turn on per-kernel leak checks).
try {
  require('@tensorflow/tfjs-core').env().set('PROD', true);
} catch {
  // packages that do not use tfjs
}
