// Quiet tfjs' "install tfjs-node" banner in tests (IS_TEST is tfjs' own flag for this).
try {
  require('@tensorflow/tfjs-core').env().set('IS_TEST', true);
} catch {
  // packages that do not use tfjs
}
