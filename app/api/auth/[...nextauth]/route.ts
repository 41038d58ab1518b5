// /api/auth/*: Auth.js's endpoints (sign-in e-mail, the link's callback, session, sign-out).
import { handlers } from '@/auth';

export const { GET, POST } = handlers;
