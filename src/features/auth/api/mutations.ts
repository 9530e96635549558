import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import * as authApi from '@contract/endpoints/auth';
import type { LoginRequest } from '@contract/schemas/auth';
import { endReasonOf, endSession, isNoSession, storeSession } from './session';

/** `gcTime: 0`: the variables hold the password; the cache drops them at once, not after 5 minutes. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['session', 'sign-in'],
    gcTime: 0,
    mutationFn: (credentials: LoginRequest) => apiClient.call(authApi.login, { body: credentials }),
    onSuccess: (response) => {
      storeSession(queryClient, response);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['session', 'sign-out'],
    mutationFn: () => apiClient.call(authApi.logout),
    onSuccess: () => endSession(queryClient, 'signed-out'),
    onError: (error) => {
      // Any other failure leaves the server session alive: the user stays signed in and retries.
      if (isNoSession(error)) endSession(queryClient, 'signed-out');
    },
  });
}

/** "Stay signed in": any user-initiated call restarts the idle timer; this one is the cheapest. */
export function useStaySignedIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['session', 'stay-signed-in'],
    mutationFn: () => apiClient.call(authApi.session),
    onSuccess: (response) => {
      storeSession(queryClient, response);
    },
    onError: (error) => {
      if (isNoSession(error)) endSession(queryClient, endReasonOf(error));
    },
  });
}
