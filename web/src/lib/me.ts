import { graphql, type ResultOf } from '../graphql.js';

/** Signing in returns the person with everything the layout and the pages need about them. */
export const LoginMutation = graphql(`
  mutation Login($u: String!, $p: String!, $o: String) {
    login(username: $u, password: $p, otp: $o) {
      token
      user {
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
    }
  }
`);

/** The signed-in person, as login returned them (kept in localStorage between visits). */
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
