export { osmandDecoder, OSMAND_SOURCE, type OsmandPayload, type PositionsDecoded } from './osmand.decoder.ts';
