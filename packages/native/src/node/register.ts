/**
 * Registers the native engine into @nnlab/core's engine registry. When the addon cannot load,
 * the engine is still registered and every plan says why (fit records it as the fallback reason);
 * with `NNLAB_REQUIRE_NATIVE=1` the missing addon is an error instead.
 */
import { BackendUnavailableError, registerEngine } from '@nnlab/core';
import { loadAddon } from './addon';
import { nativeEngine } from './native-engine';

/** What `nnlab backends` shows about the native engine. */
export type NativeEngineStatus =
  { available: true; version: string; isa: string; maxThreads: number; layerKinds: string[] } | { available: false; reason: string };

/** The addon's state without registering anything. */
export function nativeEngineStatus(): NativeEngineStatus {
  const s = loadAddon();
  return s.available ? { available: true, ...s.info } : { available: false, reason: s.reason };
}

/** True when NNLAB_REQUIRE_NATIVE asks for the native engine to be present. */
export function nativeRequired(): boolean {
  const v = process.env.NNLAB_REQUIRE_NATIVE;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Registers the engine; returns its status (throws when required and unavailable). */
export function registerNativeEngine(): NativeEngineStatus {
  const status = nativeEngineStatus();
  if (!status.available && nativeRequired()) {
    throw new BackendUnavailableError('native', `NNLAB_REQUIRE_NATIVE=1 asks for the native engine, but ${status.reason}`, ['fused-dense', 'tfjs']);
  }
  registerEngine(nativeEngine);
  return status;
}
