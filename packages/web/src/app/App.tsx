/**
 * The console: sign-in until there is a token, then the shell with the live connection running.
 * The training banner and the error surface sit outside every screen, so no screen can hide them.
 */
import { useEffect } from 'react';
import type { Health } from '../api/wire.ts';
import { session } from '../api/session.ts';
import { SignInScreen } from '../screens/signin/SignInScreen.tsx';
import { ErrorSurface } from './ErrorSurface.tsx';
import { Shell } from './Shell.tsx';
import { useStore } from './store.ts';
import { markTraining, training } from './training.ts';

export function App() {
  const { token } = useStore(session);
  const isTraining = useStore(training);
  useEffect(() => {
    // /healthz is public: the banner is up before anyone signs in
    fetch('/healthz')
      .then(async (r) => {
        if (r.headers.get('x-rtcc-mode')) markTraining(true);
        markTraining(((await r.json()) as Health).mode === 'training');
      })
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    document.title = isTraining ? 'TRAINING — OpenRTCC' : 'OpenRTCC';
  }, [isTraining]);
  return (
    <div className={`app${isTraining ? ' is-training' : ''}`}>
      {isTraining && (
        <div className="training-banner" role="status" aria-live="polite" data-testid="training-banner">
          TRAINING — SIMULATED DATA
        </div>
      )}
      {token ? <Shell key={token} token={token} /> : <SignInScreen />}
      <ErrorSurface />
    </div>
  );
}
