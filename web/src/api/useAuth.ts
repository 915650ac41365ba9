import { useSyncExternalStore } from "react";
import { authSession, type AuthState } from "./auth";

/** The page's sign-in state; re-renders when a token is stored, refused or forgotten. */
export function useAuth(): AuthState {
  return useSyncExternalStore(authSession.subscribe, authSession.snapshot);
}
