/** The video module: the live-view camera registry and the stream gateway. */
export { VideoCameraService, type VideoActor, type VideoCameraListQuery } from './video-camera.service.ts';
export { videoCameraView, type VideoViewer } from './video-camera.view.ts';
export { checkVideoCamera, type VideoCameraInput, type VideoCameraPatch } from './video-camera.input.ts';
export { fetchFromCamera, rewritePlaylist, upstreamUrl } from './stream-gateway.ts';
