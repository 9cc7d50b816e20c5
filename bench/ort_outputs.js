#!/usr/bin/env node
// The answers of one ONNX model in ONNX Runtime (CPU) for given inputs, so a caller can compare
// them with its own predictor's (bench/infer_bench.cpp does, for our native predictor and
// OpenCV DNN). A benchmark tool, never a build or test dependency; set up as for
// ../shared/bench/ort_latency.js (npm onnxruntime-node in a folder outside the project).
// Run:
//   NODE_PATH=<that folder>/node_modules node ort_outputs.js --model M.onnx --input IN.bin \
//       --shape N,C,H,W --output OUT.bin [--threads T]
// IN.bin holds N*C*H*W raw little-endian float32 in NCHW order; OUT.bin receives the model's
// first output as raw little-endian float32. Prints one JSON line: the output's name and shape.
'use strict';
const fs = require('fs');
const os = require('os');
const ort = require('onnxruntime-node');

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 ? process.argv[i + 1] : def;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

async function main() {
  const model = arg('model');
  const input = arg('input');
  const output = arg('output');
  const shapeText = arg('shape');
  if (!model || !input || !output || !shapeText)
    fail('usage: ort_outputs.js --model M.onnx --input IN.bin --shape N,C,H,W --output OUT.bin [--threads T]');
  const shape = shapeText.split(',').map(Number);
  if (shape.length !== 4 || shape.some((d) => !Number.isInteger(d) || d <= 0))
    fail(`--shape ${shapeText}: expected four positive integers N,C,H,W`);
  const threads = parseInt(arg('threads', '1'), 10);
  if (!(threads > 0)) fail(`--threads ${arg('threads')}: expected a positive integer`);

  const n = shape.reduce((a, b) => a * b, 1);
  let bytes;
  try {
    bytes = fs.readFileSync(input);
  } catch (e) {
    fail(`${input}: cannot read (${e.message})`);
  }
  if (bytes.length !== n * 4)
    fail(`${input}: ${bytes.length} bytes, expected ${n * 4} (float32 of shape ${shape.join('x')})`);
  if (os.endianness() !== 'LE') fail('this machine is not little-endian');
  // Copy into a fresh, aligned Float32Array (a Buffer may sit at any offset of its pool).
  const x = new Float32Array(n);
  new Uint8Array(x.buffer).set(bytes);

  let session;
  try {
    session = await ort.InferenceSession.create(model, {
      executionProviders: ['cpu'], graphOptimizationLevel: 'all', executionMode: 'sequential',
      intraOpNumThreads: threads, interOpNumThreads: 1,
    });
  } catch (e) {
    fail(`${model}: ONNX Runtime cannot load it (${e.message || e})`);
  }
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', x, shape) };
  const results = await session.run(feeds);
  const name = session.outputNames[0];
  const y = results[name];
  if (y.type !== 'float32') fail(`${model}: output ${name} is ${y.type}, expected float32`);
  const data = y.data;
  fs.writeFileSync(output, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  console.log(JSON.stringify({ engine: 'onnxruntime', version: ort.env.versions ? ort.env.versions.common : undefined,
    model, input_shape: shape, output: name, output_shape: y.dims, threads }));
}
main().catch((e) => { console.error(e.message || e); process.exit(1); });
