// MobileNetV2 embeddings with onnxruntime-node and sharp: the node side of bench/ImmersiveLab.Bench's embedding
// benchmark. Same model file (with the pooled tensor exposed as an output, written by the .NET side), same images,
// same preprocessing as src/ImmersiveLab.Imaging/Embedding/EmbeddingPreprocessor.cs (upright, on white, shorter side
// to 256 with a Mitchell filter, centre crop 224, scale, ImageNet mean/std, CHW), same batch size, same threads.
//
//   node embed.js --model FILE --images DIR --spec JSON [--threads N] [--batch N] [--serve | --rounds N]
//
// --serve: prints "ready <images>" once loaded, then embeds every image on each "run" line of stdin and answers
// "done <ms>"; "quit" ends it. --rounds N: prints {"images":…, "rounds":N, "imagesPerSecond":…} as JSON.
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

async function preprocess(bytes, spec, chw, offset) {
    const crop = spec.crop, resize = spec.resize;
    const meta = await sharp(bytes).rotate().metadata();
    const upright = (meta.orientation ?? 1) >= 5 ? { w: meta.height, h: meta.width } : { w: meta.width, h: meta.height };
    const scale = resize / Math.min(upright.w, upright.h);
    const width = Math.max(crop, Math.round(upright.w * scale));
    const height = Math.max(crop, Math.round(upright.h * scale));
    const { data } = await sharp(bytes).rotate().flatten({ background: '#ffffff' })
        .resize(width, height, { kernel: 'mitchell', fit: 'fill' })
        .extract({ left: Math.floor((width - crop) / 2), top: Math.floor((height - crop) / 2), width: crop, height: crop })
        .removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const plane = crop * crop;
    for (let k = 0; k < plane; k++)
        for (let c = 0; c < 3; c++)
            chw[offset + c * plane + k] = (data[k * 3 + c] * spec.pixelScale - spec.mean[c]) / spec.std[c];
}

function finish(pooled, logits, n, spec) {
    // Dequantise and L2-normalise the embedding; softmax top-5 of the logits (what ImageEmbedder returns).
    const dims = spec.dims, classes = spec.classes;
    const v = new Float32Array(dims);
    let ss = 0;
    for (let k = 0; k < dims; k++) { v[k] = (pooled[n * dims + k] - spec.zeroPoint) * spec.scale; ss += v[k] * v[k]; }
    const norm = Math.sqrt(ss) || 1;
    for (let k = 0; k < dims; k++) v[k] /= norm;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[n * classes + k]);
    const p = new Float64Array(classes);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += p[k] = Math.exp(logits[n * classes + k] - max);
    const top = [...p.keys()].sort((x, y) => p[y] - p[x]).slice(0, 5);
    return { v, top: top.map(k => [k, p[k] / sum]) };
}

async function embedAll(session, images, a) {
    const spec = a.spec, perImage = 3 * spec.crop * spec.crop, batch = Number(a.batch);
    let last = null;
    for (let start = 0; start < images.length; start += batch) {
        const part = images.slice(start, start + batch);
        const input = new Float32Array(part.length * perImage);
        for (let n = 0; n < part.length; n++) await preprocess(part[n], spec, input, n * perImage);
        const feeds = { [spec.input]: new ort.Tensor('float32', input, [part.length, 3, spec.crop, spec.crop]) };
        const out = await session.run(feeds, [spec.logits, spec.embedding]);
        for (let n = 0; n < part.length; n++) last = finish(out[spec.embedding].data, out[spec.logits].data, n, spec);
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
    const t = performance.now();
    for (let r = 0; r < rounds; r++) await embedAll(session, images, a);
    const seconds = (performance.now() - t) / 1000;
    console.log(JSON.stringify({ images: images.length, rounds, imagesPerSecond: images.length * rounds / seconds }));
}
