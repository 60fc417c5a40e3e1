// The stream gateway's pure parts: which camera URL a console's request maps to, and how a
// playlist is rewritten so a browser only ever asks the gateway.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewritePlaylist, upstreamUrl } from './stream-gateway.ts';

const hls = { kind: 'hls' as const, url: 'https://nvr.agency.example/cams/main/index.m3u8?sig=abc' };

describe('upstreamUrl', () => {
  it('maps the playlist name to the camera’s own URL (query kept) and other files under its folder', () => {
    assert.equal(upstreamUrl(hls, 'index.m3u8').href, hls.url);
    assert.equal(upstreamUrl(hls, 'seg 1.ts').href, 'https://nvr.agency.example/cams/main/seg%201.ts');
    assert.equal(upstreamUrl(hls, '720p/index.m3u8').href, 'https://nvr.agency.example/cams/main/720p/index.m3u8');
  });

  it('refuses anything outside the folder, and any file but the image of a still camera', () => {
    for (const file of ['../other/index.m3u8', '720p/../../x.ts', '/etc/passwd', '', 'a//b.ts', './x.ts']) {
      assert.throws(() => upstreamUrl(hls, file), { code: 'not_found_or_forbidden' }, file);
    }
    const still = { kind: 'still' as const, url: 'http://10.0.0.5/snap.jpg' };
    assert.equal(upstreamUrl(still, 'snap.jpg').href, still.url);
    assert.throws(() => upstreamUrl(still, 'other.jpg'), { code: 'not_found_or_forbidden' });
  });
});

describe('rewritePlaylist', () => {
  const dir = new URL('https://nvr.agency.example/cams/main/');

  it('turns a multi-variant playlist’s URIs into one gateway segment each, relative to the stream', () => {
    const master = ['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=800000', '720p/index.m3u8', '#EXT-X-STREAM-INF:BANDWIDTH=200000', 'https://nvr.agency.example/cams/main/240p/index.m3u8'].join('\n');
    assert.deepEqual(rewritePlaylist(master, new URL(hls.url), dir).split('\n'), ['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=800000', '720p%2Findex.m3u8', '#EXT-X-STREAM-INF:BANDWIDTH=200000', '240p%2Findex.m3u8']);
  });

  it('resolves a variant’s segments, map and key against the variant, then writes them relative to the stream', () => {
    const variant = ['#EXTM3U', '#EXT-X-MAP:URI="init.mp4"', '#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1.key"', '#EXTINF:1.0,', 'seg1.m4s', '', '#EXTINF:1.0,', 'https://cdn.elsewhere.example/seg2.m4s'].join('\n');
    const out = rewritePlaylist(variant, new URL('720p/index.m3u8', dir), dir, 'tok en').split('\n');
    assert.deepEqual(out, [
      '#EXTM3U',
      '#EXT-X-MAP:URI="720p%2Finit.mp4?access_token=tok%20en"',
      '#EXT-X-KEY:METHOD=AES-128,URI="keys%2Fk1.key?access_token=tok%20en"',
      '#EXTINF:1.0,',
      '720p%2Fseg1.m4s?access_token=tok%20en',
      '',
      '#EXTINF:1.0,',
      'https://cdn.elsewhere.example/seg2.m4s',
    ]);
  });
});
