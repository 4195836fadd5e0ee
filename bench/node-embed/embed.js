// MobileNetV2 embeddings with onnxruntime-node and sharp: the node side of bench/ImmersiveLab.Bench's embedding
// benchmark. Same model file (with the pooled tensor exposed as an output, written by the .NET side), same images,
// same preprocessing as src/ImmersiveLab.Imaging/Embedding/EmbeddingPreprocessor.cs, chosen by the spec the .NET side
// passes: upright, on white, then either "letterbox" (longer side to 224 with a Mitchell filter, centred on the mean
// colour, i.e. 0 after normalisation) or "centre-crop" (shorter side to 256, the central 224); scale, ImageNet
// mean/std, CHW; with "mirror": true the left-right mirror image runs in the same batch and the pooled features of
// both are summed before L2 normalisation (two inferences per image, as on the .NET side). Same batch size, same threads.
//
//   node embed.js --model FILE --images DIR --spec JSON [--threads N] [--batch N] [--serve | --rounds N]
//
// --serve: prints "ready <images>" once loaded, then embeds every image on each "run" line of stdin and answers
// "done <ms>"; "quit" ends it. --rounds N: prints {"images":…, "rounds":N, "imagesPerSecond":…, "msPerImage": {…}} as
// JSON, with the wall time per image spent preprocessing (sharp) and in inference, and the process's CPU time per image.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createInterface } from 'node:readline';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';

function args() {
    const a = { threads: 4, batch: 8, rounds: 3 };
    const v = process.argv.slice(2);
    for (let i = 0; i < v.length; i++) {
        const k = v[i].replace(/^--/, '');
        if (k === 'serve') a.serve = true;
        else a[k] = v[++i];
    }
    for (const k of ['model', 'images', 'spec']) if (!a[k]) throw new Error(`--${k} is required`);
    a.spec = JSON.parse(a.spec);
    return a;
}

function listImages(dir) {
    const out = [];
    for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) out.push(...listImages(p));
        else if (['.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp'].includes(extname(name).toLowerCase())) out.push(p);
    }
    return out;
}

// EmbeddingPreprocessor.Place: the resized size and where it goes on the square canvas (negative offsets crop).
function place(w, h, spec) {
    const canvas = spec.crop;
    if (spec.framing === 'centre-crop') {
        const scale = spec.resize / Math.min(w, h);
        const rw = Math.max(canvas, Math.round(w * scale)), rh = Math.max(canvas, Math.round(h * scale));
        return { rw, rh, ox: -Math.floor((rw - canvas) / 2), oy: -Math.floor((rh - canvas) / 2) };
    }
    const fit = canvas / Math.max(w, h);
    const rw = Math.min(canvas, Math.max(1, Math.round(w * fit))), rh = Math.min(canvas, Math.max(1, Math.round(h * fit)));
    return { rw, rh, ox: Math.floor((canvas - rw) / 2), oy: Math.floor((canvas - rh) / 2) };
}

async function preprocess(bytes, spec, chw, offset) {
    const canvas = spec.crop;
    const meta = await sharp(bytes).rotate().metadata();
    const upright = (meta.orientation ?? 1) >= 5 ? { w: meta.height, h: meta.width } : { w: meta.width, h: meta.height };
    const p = place(upright.w, upright.h, spec);
    const x0 = Math.max(0, -p.ox), y0 = Math.max(0, -p.oy);
    const cols = Math.min(p.rw, canvas - p.ox) - x0, rows = Math.min(p.rh, canvas - p.oy) - y0;
    let pipeline = sharp(bytes).rotate().flatten({ background: '#ffffff' }).resize(p.rw, p.rh, { kernel: 'mitchell', fit: 'fill' });
    if (cols !== p.rw || rows !== p.rh) pipeline = pipeline.extract({ left: x0, top: y0, width: cols, height: rows });
    const { data } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const plane = canvas * canvas;
    chw.fill(0, offset, offset + 3 * plane); // the mean colour where the picture does not reach
    for (let c = 0; c < 3; c++) {
        const a = spec.pixelScale / spec.std[c], b = -spec.mean[c] / spec.std[c];
        for (let y = 0; y < rows; y++) {
            const out = offset + c * plane + (y + y0 + p.oy) * canvas + x0 + p.ox;
            for (let x = 0; x < cols; x++) chw[out + x] = data[(y * cols + x) * 3 + c] * a + b;
        }
    }
}

function mirror(chw, from, to, size) {
    for (let row = 0; row < 3 * size; row++) {
        const s = from + row * size, d = to + row * size;
        for (let x = 0; x < size; x++) chw[d + x] = chw[s + size - 1 - x];
    }
}

function finish(pooled, logits, n, count, passes, spec) {
    // Dequantise (summing the passes) and L2-normalise the embedding; softmax top-5 of the mean logits (what ImageEmbedder returns).
    const dims = spec.dims, classes = spec.classes;
    const v = new Float32Array(dims), l = new Float32Array(classes);
    for (let pass = 0; pass < passes; pass++) {
        const i = pass * count + n;
        for (let k = 0; k < dims; k++) v[k] += (pooled[i * dims + k] - spec.zeroPoint) * spec.scale;
        for (let k = 0; k < classes; k++) l[k] += logits[i * classes + k] / passes;
    }
    let ss = 0;
    for (let k = 0; k < dims; k++) ss += v[k] * v[k];
    const norm = Math.sqrt(ss) || 1;
    for (let k = 0; k < dims; k++) v[k] /= norm;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, l[k]);
    const p = new Float64Array(classes);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += p[k] = Math.exp(l[k] - max);
    const top = [...p.keys()].sort((x, y) => p[y] - p[x]).slice(0, 5);
    return { v, top: top.map(k => [k, p[k] / sum]) };
}

const stages = { preprocess: 0, inference: 0 }; // wall ms, for --rounds

async function embedAll(session, images, a) {
    const spec = a.spec, perImage = 3 * spec.crop * spec.crop, batch = Number(a.batch), passes = spec.mirror ? 2 : 1;
    let last = null;
    for (let start = 0; start < images.length; start += batch) {
        const part = images.slice(start, start + batch);
        const input = new Float32Array(part.length * passes * perImage);
        let t0 = performance.now();
        for (let n = 0; n < part.length; n++) {
            await preprocess(part[n], spec, input, n * perImage);
            if (passes === 2) mirror(input, n * perImage, (part.length + n) * perImage, spec.crop);
        }
        const feeds = { [spec.input]: new ort.Tensor('float32', input, [part.length * passes, 3, spec.crop, spec.crop]) };
        let t1 = performance.now();
        stages.preprocess += t1 - t0;
        const out = await session.run(feeds, [spec.logits, spec.embedding]);
        stages.inference += performance.now() - t1;
        for (let n = 0; n < part.length; n++) last = finish(out[spec.embedding].data, out[spec.logits].data, n, part.length, passes, spec);
    }
    return last;
}

const a = args();
const session = await ort.InferenceSession.create(a.model, {
    intraOpNumThreads: Number(a.threads), interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
});
const images = listImages(a.images).map(p => readFileSync(p));
await embedAll(session, images.slice(0, 1), a); // first run allocates

if (a.serve) {
    process.stdout.write(`ready ${images.length}\n`);
    for await (const line of createInterface({ input: process.stdin })) {
        if (line === 'quit') break;
        const t = performance.now();
        await embedAll(session, images, a);
        process.stdout.write(`done ${(performance.now() - t).toFixed(3)}\n`);
    }
    process.exit(0);
} else {
    const rounds = Number(a.rounds);
    stages.preprocess = stages.inference = 0;
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let r = 0; r < rounds; r++) await embedAll(session, images, a);
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu), n = images.length * rounds;
    console.log(JSON.stringify({
        images: images.length, rounds, imagesPerSecond: n / seconds,
        msPerImage: { preprocessWall: stages.preprocess / n, inferenceWall: stages.inference / n, processCpu: (used.user + used.system) / 1000 / n },
    }));
}
