/**
 * The sign-in: a bearer token kept in sessionStorage (gone when the tab closes). User accounts
 * come with a later issue; until then a person signs in with a token an admin gave them.
 */
import { Store } from '../app/store.ts';

const KEY = 'rtcc.token';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export const session = new Store<{ token: string | null }>({ token: readToken() });

export function signIn(token: string): void {
  sessionStorage.setItem(KEY, token);
  session.set({ token });
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  session.set({ token: null });
}
