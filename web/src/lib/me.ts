import { graphql, type ResultOf } from '../graphql.js';

/** Everything the layout and the pages need about the signed-in person (login and me answer the same). */
const MeFields = graphql(`
  fragment MeFields on User {
    id
    username
    displayName
    role
    regionId
    departmentId
    passwordChangeRequired
    secondFactor
    region {
      id
      name
      code
      level
      town {
        name
      }
    }
    department {
      id
      name
      code
    }
  }
`);

/** Signing in returns the person; the session itself goes into an httpOnly cookie (`cookie: true`). */
export const LoginMutation = graphql(
  `
    mutation Login($u: String!, $p: String!, $o: String) {
      login(username: $u, password: $p, otp: $o, cookie: true) {
        user {
          ...MeFields
        }
      }
    }
  `,
  [MeFields],
);

/**
 * The signed-in person, as login returned them (kept in localStorage between visits: who, not a credential — the
 * session itself is an httpOnly cookie no script can read).
 */
export type Me = ResultOf<typeof LoginMutation>['login']['user'];

/** Whether the signed-in person's role needs a second factor and whether it is on. */
export const MySecondFactorQuery = graphql(`
  query MySecondFactor {
    mySecondFactor {
      required
      enabled
      recoveryCodesLeft
    }
  }
`);

/** The person again, after a change to them (a new password). */
export const MeQuery = graphql(
  `
    query Me {
      me {
        ...MeFields
      }
    }
  `,
  [MeFields],
);

/** Ends the session on the server (the cookie is cleared with it). */
export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
