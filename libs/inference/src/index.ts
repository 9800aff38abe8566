export * from './onnx/onnx-session.adapter';
