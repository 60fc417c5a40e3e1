export { InProcessBus } from './bus.ts';
export type { Bus, BusEvents, BusEventName, BusHandler } from './bus.ts';
