/**
 * @nnlab/native/node — the native engine: load the addon, register the engine into
 * @nnlab/core's registry (`fit` and `evaluateModel` then pick it by the engine rule), status for
 * `nnlab backends`.
 */
export * from './index';

// Registration and status
export { nativeEngineStatus, nativeRequired, registerNativeEngine } from './node/register';
export type { NativeEngineStatus } from './node/register';

// The engine and the addon (for tests and tools)
export { nativeEngine } from './node/native-engine';
export { addonPath, loadAddon } from './node/addon';
export type { AddonStatus, NativeAddon, NativeAddonInfo, NativeModelDesc, NativeModelHandle } from './node/addon';
