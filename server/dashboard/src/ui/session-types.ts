import type { Permission, Role } from '#shared/roles';
import type { Http } from './http';

/** The signed-in person as the dashboard knows them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
  role: Role;
}

/** What every signed-in page gets: who, how to call the API, what they may do. */
export interface Session {
  user: SessionUser;
  http: Http;
  can(permission: Permission): boolean;
  signOut(): Promise<void>;
}
