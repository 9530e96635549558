import { LoginRequest, SessionResponse, StepUpRequest, StepUpResponse } from '../schemas/auth';
import type { Endpoint } from './endpoint';

export const login = {
  method: 'POST',
  path: '/auth/login',
  body: LoginRequest,
  response: SessionResponse,
  status: 200,
  public: true,
} as const satisfies Endpoint;

export const logout = {
  method: 'POST',
  path: '/auth/logout',
  response: null,
  status: 204,
} as const satisfies Endpoint;

export const session = {
  method: 'GET',
  path: '/auth/session',
  response: SessionResponse,
  status: 200,
  public: true,
} as const satisfies Endpoint;

export const stepUp = {
  method: 'POST',
  path: '/auth/step-up',
  body: StepUpRequest,
  response: StepUpResponse,
  status: 200,
} as const satisfies Endpoint;
