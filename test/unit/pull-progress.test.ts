import { countLayers } from '../../src/docker/registry.js';

// progress lines as `docker pull` prints them (captured from Docker 20.10 and 26.1)
test('layers count once whichever store printed them: classic (download, then pull complete), containerd (download complete only)', () => {
  const classic = ['1: Pulling from x/y', 'c45125ff8630: Pulling fs layer', '0123456789ab: Already exists', 'c45125ff8630: Download complete',
    'c45125ff8630: Pull complete', 'Digest: sha256:18f4…', 'Status: Downloaded newer image for 127.0.0.1:40033/x/y:1'].join('\n');
  const containerd = ['1: Pulling from x/y', 'c45125ff8630: Pulling fs layer', 'c45125ff8630: Download complete',
    'Digest: sha256:18f4…', 'Status: Downloaded newer image for 127.0.0.1:40033/x/y:1'].join('\n');
  expect(countLayers(classic)).toEqual({ layersDownloaded: 1, layersReused: 1 });
  expect(countLayers(containerd)).toEqual({ layersDownloaded: 1, layersReused: 0 });
  expect(countLayers('1: Pulling from x/y\nStatus: Image is up to date for x/y:1')).toEqual({ layersDownloaded: 0, layersReused: 0 });
});
