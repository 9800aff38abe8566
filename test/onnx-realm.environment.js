'use strict';
// The default test environment of both jest projects (jest.config.js).
// jest runs each test file in its own vm context, so a test's Float32Array is not the one native addons use.
// onnxruntime-node builds its output tensors from typed arrays of the main context and then fails
// onnxruntime-common's `instanceof` check ("A float32 tensor's data must be type of function Float32Array()").
// Handing the test context the main context's typed-array constructors makes both sides agree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class OnnxRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxRealmEnvironment;
