import { expect, test as setup } from './test';
import { ADMIN_STATE, E2E_ADMIN, E2E_USERS } from './support';

/**
 * Runs before every spec (the `setup` project): signs in as the first admin, keeps its cookies for
 * the specs, and creates one user per other role through the admin API (409 when already there).
 */
setup('sign in as the admin and create the role users', async ({ request }) => {
  const login = await request.post('/api/auth/login', { data: E2E_ADMIN });
  expect(login.status(), await login.text()).toBe(200);
  for (const [role, u] of Object.entries(E2E_USERS)) {
    const res = await request.post('/api/admin/users', { data: { ...u, displayName: `E2E ${role}`, role } });
    expect([201, 409], await res.text()).toContain(res.status());
  }
  await request.storageState({ path: ADMIN_STATE });
});
