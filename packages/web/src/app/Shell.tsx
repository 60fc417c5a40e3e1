/**
 * The signed-in console: navigation (a menu button on phones), the live link state, the hit
 * badge, and the current screen. Starts the live stream and the shared snapshots on mount.
 */
import { useEffect, useState } from 'react';
import { can, session } from '../api/session.ts';
import { UsersScreen } from '../screens/admin/UsersScreen.tsx';
import { RetentionScreen } from '../screens/retention/RetentionScreen.tsx';
import { ReviewScreen } from '../screens/review/ReviewScreen.tsx';
import { useSessionGuard, endSession } from './session-guard.ts';
import { cameras, loadCameras, loadModules, modules, moduleOn } from '../live/cameras.ts';
import { hits, resetHits } from '../live/hits.ts';
import { clearReads } from '../live/reads.ts';
import { setSound, soundOn } from '../live/sound.ts';
import { link, LiveStream } from '../live/stream.ts';
import { forgetMapConfig } from '../map/map-config.ts';
import { CamerasScreen } from '../screens/cameras/CamerasScreen.tsx';
import { HitQueueScreen } from '../screens/hits/HitQueueScreen.tsx';
import { HotlistsScreen } from '../screens/hotlists/HotlistsScreen.tsx';
import { LiveScreen } from '../screens/live/LiveScreen.tsx';
import { SearchScreen } from '../screens/search/SearchScreen.tsx';
import { SharingScreen } from '../screens/sharing/SharingScreen.tsx';
import { VideoRegistryScreen } from '../screens/video/VideoRegistryScreen.tsx';
import { resetVideoCameras } from '../live/video-cameras.ts';
import { CadImportScreen } from '../screens/cad-import/CadImportScreen.tsx';
import { WebhooksScreen } from '../screens/webhooks/WebhooksScreen.tsx';
import { navigate, useRoute, type Route } from './router.ts';
import { useStore } from './store.ts';

const LINK_LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', stopped: 'Offline' } as const;

function NavLink({ to, current, children }: { to: string; current: boolean; children: React.ReactNode }) {
  return (
    <a
      href={to}
      className={current ? 'nav-link current' : 'nav-link'}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

function Screen({ route }: { route: Route }) {
  const { info } = useStore(session);
  switch (route.screen) {
    case 'hits':
      return <HitQueueScreen hitId={route.hitId} />;
    case 'search':
      return <SearchScreen />;
    case 'hotlists':
      return <HotlistsScreen hotlistId={route.hotlistId} />;
    case 'cameras':
      return <CamerasScreen />;
    case 'review':
      return can(info, 'audit:review') ? <ReviewScreen /> : <p className="muted screen-note">Your role does not include reviewing searches.</p>;
    case 'users':
      return can(info, 'users:manage') ? <UsersScreen /> : <p className="muted screen-note">Your role does not include managing accounts.</p>;
    case 'retention':
      return can(info, 'retention:read') ? <RetentionScreen /> : <p className="muted screen-note">Your role does not include retention.</p>;
    case 'sharing':
      return can(info, 'sharing:manage') ? <SharingScreen /> : <p className="muted screen-note">Your role does not include managing sharing agreements.</p>;
    case 'video':
      return can(info, 'video:write') ? <VideoRegistryScreen /> : <p className="muted screen-note">Your role does not include the camera registry.</p>;
    case 'cad-import':
      return can(info, 'incidents:import') ? <CadImportScreen /> : <p className="muted screen-note">Your role does not include importing calls for service.</p>;
    case 'webhooks':
      return can(info, 'webhooks:manage') ? <WebhooksScreen /> : <p className="muted screen-note">Your role does not include managing webhooks.</p>;
    default:
      return <LiveScreen />;
  }
}

export function Shell({ token }: { token: string }) {
  const route = useRoute();
  const { open, unseen } = useStore(hits);
  const linkState = useStore(link);
  const mods = useStore(modules);
  const sound = useStore(soundOn);
  const [menuOpen, setMenuOpen] = useState(false);
  const { info } = useStore(session);
  useSessionGuard(info);
  const streamOn = can(info, 'stream:subscribe');

  useEffect(() => {
    // a role without the live stream (the auditor) would only be refused and retry forever
    const stream = streamOn ? new LiveStream(token) : undefined;
    stream?.start();
    void loadCameras();
    void loadModules();
    return () => {
      stream?.stop();
      resetHits();
      clearReads();
      forgetMapConfig();
      cameras.set({ items: [], byId: new Map(), loaded: false });
      modules.set(null);
      resetVideoCameras();
    };
  }, [token, streamOn]);
  useEffect(() => setMenuOpen(false), [route.screen]);

  const pending = open.size;
  const hotlistsOn = mods === null || moduleOn(mods, 'hotlists');
  return (
    <div className="shell">
      <header className="topbar">
        <a href="/" className="brand" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          OpenRTCC
        </a>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
          ☰ Menu{pending > 0 ? ` (${pending})` : ''}
        </button>
        <nav id="main-nav" className={menuOpen ? 'nav open' : 'nav'} aria-label="Screens">
          <NavLink to="/" current={route.screen === 'live'}>
            Live map
          </NavLink>
          {hotlistsOn && can(info, 'hits:read') && (
            <NavLink to="/hits" current={route.screen === 'hits'}>
              Hits{' '}
              <span className={pending > 0 ? 'badge alert' : 'badge'} data-testid="hit-badge" aria-label={`${pending} awaiting verification${unseen ? `, ${unseen} new` : ''}`}>
                {pending}
              </span>
            </NavLink>
          )}
          {can(info, 'reads:search') && (
            <NavLink to="/search" current={route.screen === 'search'}>
              Search
            </NavLink>
          )}
          {hotlistsOn && can(info, 'hotlists:read') && (
            <NavLink to="/hotlists" current={route.screen === 'hotlists'}>
              Hotlists
            </NavLink>
          )}
          {can(info, 'cameras:read') && (
            <NavLink to="/cameras" current={route.screen === 'cameras'}>
              {can(info, 'sources:manage') ? <>Cameras &amp; sources</> : 'Cameras'}
            </NavLink>
          )}
          {(can(info, 'audit:review') || can(info, 'users:manage') || can(info, 'retention:read')) && <span className="nav-sep" aria-hidden="true" />}
          {can(info, 'audit:review') && (
            <NavLink to="/review" current={route.screen === 'review'}>
              Review
            </NavLink>
          )}
          {can(info, 'users:manage') && (
            <NavLink to="/users" current={route.screen === 'users'}>
              Users
            </NavLink>
          )}
          {can(info, 'retention:read') && (
            <NavLink to="/retention" current={route.screen === 'retention'}>
              Retention
            </NavLink>
          )}
          {mods !== null && moduleOn(mods, 'cad') && can(info, 'incidents:import') && (
            <NavLink to="/cad-import" current={route.screen === 'cad-import'}>
              CAD import
            </NavLink>
          )}
          {hotlistsOn && can(info, 'webhooks:manage') && (
            <NavLink to="/webhooks" current={route.screen === 'webhooks'}>
              Webhooks
            </NavLink>
          )}
          {mods !== null && moduleOn(mods, 'video') && can(info, 'video:write') && (
            <NavLink to="/video" current={route.screen === 'video'}>
              Video cameras
            </NavLink>
          )}
          {mods !== null && moduleOn(mods, 'sharing') && can(info, 'sharing:manage') && (
            <NavLink to="/sharing" current={route.screen === 'sharing'}>
              Sharing
            </NavLink>
          )}
        </nav>
        <div className="topbar-tools">
          <span className={`link-state ${linkState.state}`} data-testid="link-state" title={linkState.retryInMs ? `retrying in ${Math.round(linkState.retryInMs / 1000)} s` : undefined}>
            ● {LINK_LABEL[linkState.state]}
          </span>
          <button type="button" className="ghost" aria-pressed={sound} onClick={() => setSound(!sound)} title="Sound on new hits">
            {sound ? 'Sound on' : 'Sound off'}
          </button>
          {info && (
            <span className="user-chip" data-testid="signed-in-as" title={info.permissions.join(', ')}>
              {info.user ? `${info.user.displayName} · ${info.user.role}` : info.name}
            </span>
          )}
          <button type="button" className="ghost" onClick={() => void endSession()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="screen">
        <Screen route={route} />
      </main>
    </div>
  );
}
