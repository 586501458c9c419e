#!/usr/bin/python3
"""PyTorch reference for `nnlab bench --vs-torch`: the same four zoo models, the same
initialisation (Glorot/Xavier-uniform kernels, zero biases, as Keras), the same optimisers with
Keras hyperparameters and the same batch sizes, timed the same way (warm-up steps, then timed
training steps and inference on fixed-shape random data). Prints one JSON object.

Settings (stated in the output too):
- threads: torch.set_num_threads(N) (default 2, this machine's cores);
- OpenMP wait policy: PASSIVE for the MLPs (the default policy makes tiny MLP steps swing
  widely on 2 cores), ACTIVE for the CNNs; each model runs in its own subprocess so the policy
  applies from the start;
- memory format: the CNNs run in both channels_last and contiguous (NCHW) and the faster one is
  reported (PyTorch at its best setting); both figures are kept under `tried`.

Run with Debian's python3-torch: /usr/bin/python3 benchmarks/torch_reference.py [--models ...]
"""
import argparse
import warnings
import json
import os
import resource
import subprocess
import sys
import time

MODELS = {
    'mlp-raw': dict(batch=128, kind='mlp', inputs=784, optimizer='rmsprop'),
    'mlp-hog': dict(batch=128, kind='mlp', inputs=392, optimizer='rmsprop'),
    'cnn-mnist': dict(batch=128, kind='cnn-mnist', size=28, optimizer='rmsprop'),
    'cnn-pneumonia': dict(batch=64, kind='cnn-pneumonia', size=128, optimizer='adam'),
}


def build(torch, nn, spec):
    if spec['kind'] == 'mlp':
        model = nn.Sequential(nn.Linear(spec['inputs'], 10), nn.ReLU(), nn.Linear(10, 10))
        loss = nn.CrossEntropyLoss()  # softmax + categorical cross-entropy
    elif spec['kind'] == 'cnn-mnist':
        layers, c = [], 1
        for _ in range(3):
            # padding='same' with an even 2x2 kernel pads bottom/right by one, as Keras does.
            layers += [nn.Conv2d(c, 10, 2, padding='same'), nn.ReLU(), nn.MaxPool2d(2)]
            c = 10
        model = nn.Sequential(*layers, nn.Flatten(), nn.Linear(90, 10), nn.ReLU(), nn.Linear(10, 10))
        loss = nn.CrossEntropyLoss()
    else:
        layers, c = [], 1
        for f in (8, 16, 32, 64, 128):
            layers += [nn.Conv2d(c, f, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
            c = f
        s = spec['size'] // 32
        model = nn.Sequential(*layers, nn.Flatten(), nn.Linear(128 * s * s, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())
        loss = nn.BCELoss()
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model, loss


warnings.filterwarnings('ignore', message='Using padding=.same.')


def run_one(name, threads, warmup, steps, infer_steps, memory_format='channels_last'):
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    spec = MODELS[name]
    b = spec['batch']
    model, loss_fn = build(torch, nn, spec)
    cnn = spec['kind'] != 'mlp'
    if spec['kind'] == 'mlp':
        x = torch.rand(b, spec['inputs'])
        y = torch.randint(0, 10, (b,))
    else:
        x = torch.rand(b, 1, spec['size'], spec['size'])
        y = torch.randint(0, 10, (b,)) if spec['kind'] == 'cnn-mnist' else torch.randint(0, 2, (b, 1)).float()
    if cnn and memory_format == 'channels_last':
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    if spec['optimizer'] == 'rmsprop':
        opt = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    train_s = time.perf_counter() - t0
    model.eval()
    with torch.no_grad():
        for _ in range(max(1, warmup // 2)):
            model(x)
        t0 = time.perf_counter()
        for _ in range(infer_steps):
            model(x)
        infer_s = time.perf_counter() - t0
    return {
        'model': name,
        'batchSize': b,
        'trainSamplesPerSecond': steps * b / train_s,
        'trainMsPerStep': 1000 * train_s / steps,
        'inferSamplesPerSecond': infer_steps * b / infer_s,
        'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'settings': {
            'threads': threads,
            'ompWaitPolicy': os.environ.get('OMP_WAIT_POLICY', 'default'),
            'memoryFormat': memory_format if cnn else 'contiguous',
            'optimizer': spec['optimizer'],
            'torch': torch.__version__,
        },
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--models', default=','.join(MODELS))
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--warmup', type=int, default=5)
    ap.add_argument('--steps', type=int, default=0, help='timed training steps (default: per model)')
    ap.add_argument('--one', help=argparse.SUPPRESS)
    ap.add_argument('--format', default='channels_last', help=argparse.SUPPRESS)
    a = ap.parse_args()
    default_steps = {'mlp-raw': 400, 'mlp-hog': 400, 'cnn-mnist': 60, 'cnn-pneumonia': 8}
    if a.one:
        s = a.steps or default_steps[a.one]
        print(json.dumps(run_one(a.one, a.threads, a.warmup, s, s, a.format)))
        return
    rows = []
    for name in a.models.split(','):
        if name not in MODELS:
            sys.exit(f'unknown model {name}: expected one of {", ".join(MODELS)}')
        env = dict(os.environ)
        env['OMP_WAIT_POLICY'] = 'PASSIVE' if MODELS[name]['kind'] == 'mlp' else 'ACTIVE'
        formats = ['contiguous'] if MODELS[name]['kind'] == 'mlp' else ['channels_last', 'contiguous']
        tried = []
        for fmt in formats:
            out = subprocess.run([sys.executable, __file__, '--one', name, '--threads', str(a.threads), '--warmup', str(a.warmup), '--steps', str(a.steps), '--format', fmt], env=env, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f'{name}: {out.stderr.strip()}')
            tried.append(json.loads(out.stdout.strip().splitlines()[-1]))
        best = max(tried, key=lambda r: r['trainSamplesPerSecond'])
        best['tried'] = [{'memoryFormat': t['settings']['memoryFormat'], 'trainSamplesPerSecond': t['trainSamplesPerSecond']} for t in tried]
        rows.append(best)
    print(json.dumps({'reference': 'pytorch', 'rows': rows}))


if __name__ == '__main__':
    main()
