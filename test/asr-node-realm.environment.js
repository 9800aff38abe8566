// Jest runs tests in a vm context whose typed-array constructors differ from Node's. onnxruntime-node returns
// outputs allocated by the native addon (Node's realm) and then checks `instanceof Float32Array` in the sandbox,
// which fails. Suites that run ONNX models opt in with `@jest-environment ./test/asr-node-realm.environment.js`.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = NodeRealmEnvironment;
