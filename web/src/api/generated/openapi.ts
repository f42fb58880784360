// Generated from /api/v1/openapi.json by `npm run api:types`; do not edit.
// test/contracts/openapi.int.spec.ts fails when this file is behind the document.

export interface paths {
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an account
         * @description Username and email are unique even under concurrent registrations: exactly one of them wins, the others get 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterRequest"];
                };
            };
            responses: {
                /** @description registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegisterResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with username or email
         * @description All attempts are limited per IP; failed ones per account and IP (then 429), and per account: past that budget an IP that has failed on the account is refused, any other is slowed but still signs in with the right password.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                /** @description logged in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens
         * @description Browsers send no body: the refresh token travels in the HttpOnly cookie set by login, and the request must carry the app’s Origin (else 403). Other clients send {refreshToken} and get the next one in the answer. The presented token dies; presenting it again revokes every token of its login. A login ends REFRESH_FAMILY_LIFETIME_SECONDS after it began, however often it was refreshed.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefreshRequest"];
                };
            };
            responses: {
                /** @description new tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tokens"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out: revoke the refresh token and every token of its login
         * @description The refresh token comes from the body or, for browsers, from the refresh cookie (Origin checked as for refresh); the cookie is cleared.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefreshRequest"];
                };
            };
            responses: {
                /** @description logged out (also when the token was unknown or already revoked) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out everywhere: revoke every refresh token of the caller
         * @description Every login of the caller ends (access tokens already issued expire on their own, within ACCESS_TOKEN_TTL_SECONDS); the cookie is cleared.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description every session revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller’s password
         * @description Needs the current password (403 invalid_credentials when wrong; failures count against the account’s login budget, then 429). Every login of the caller ends, this one included: the answer is 204, the refresh cookie is cleared, and the client signs in again with the new password.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePasswordRequest"];
                };
            };
            responses: {
                /** @description changed; every refresh token of the caller is revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s email address and whether it is verified */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/email-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the verification mail again
         * @description A new link replaces the earlier ones. 409 when the address is already verified; VERIFY_RESEND_LIMIT mails an hour per account, then 429.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a mail is on its way */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailAccepted"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller’s email address
         * @description Needs the current password (403 invalid_credentials; failures count against the login budget). The new address gets a confirmation link; until it is followed (POST /auth/verify-email) the old address stays in force. 409 email_taken when another account has it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangeEmailRequest"];
                };
            };
            responses: {
                /** @description a confirmation mail is on its way to the new address */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangeEmailAccepted"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow the link of a verification or change-of-email mail
         * @description The token works once, until EMAIL_VERIFY_TTL_SECONDS after it was sent (else 422 invalid_token). A change of address takes effect here: login by email then takes the new one, and links mailed to the old one stop working. 409 email_taken if another account took the address meanwhile.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TokenRequest"];
                };
            };
            responses: {
                /** @description verified */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailVerified"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a password-reset mail
         * @description Always 202 with the same body, whether an account has the address or not; the lookup and the mail happen after the answer, so its timing tells nothing either. The link works once, for PASSWORD_RESET_TTL_SECONDS. Limited per address (PASSWORD_RESET_LIMIT_PER_EMAIL an hour) and per IP (PASSWORD_RESET_LIMIT_PER_IP), then 429.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetRequest"];
                };
            };
            responses: {
                /** @description accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailAccepted"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the token of a reset mail
         * @description The token works once, until PASSWORD_RESET_TTL_SECONDS after it was sent (else 422 invalid_token). Every session of the account ends; following the link also verifies the address it was mailed to.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetConfirmRequest"];
                };
            };
            responses: {
                /** @description the new password is set; every refresh token of the account is revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 16KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's profile, groups with roles, and pending invites */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the caller’s profile
         * @description Only the given fields change. avatarMediaId must be an image the caller uploaded; null removes the avatar.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateProfileRequest"];
                };
            };
            responses: {
                /** @description updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discover groups: text search, interest facets, sorting */
        get: {
            parameters: {
                query?: {
                    /** @description words in the name, description or interests; the last word may be a prefix */
                    q?: string;
                    /** @description only groups with every one of these interests (repeat or comma-separate) */
                    interest?: string[];
                    sort?: "relevance" | "activity" | "size";
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a group; the caller becomes its owner */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateGroupRequest"];
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateGroupResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One group; private groups only for members and invitees */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupDetail"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a group (owner, admin) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a group (owner, admin: also retentionDays; moderators may only set slowModeSeconds); not a direct conversation */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateGroupRequest"];
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/groups/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join a public group, or a private one with a pending invite */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invites by user still pending, newest first (moderators and above, who may revoke them; docs/moderation.md) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InviteList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller’s role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Invite a user to a private group (moderator and above) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InviteRequest"];
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/invites/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invite (moderator and above) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Leave a group (the last owner must hand ownership over first) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member of a lower role (moderator and above) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/members/{userId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a member’s role (owner: any role, including handing ownership over; admin: below admin) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangeRoleRequest"];
                };
            };
            responses: {
                /** @description done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/bans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bans in force, newest first (moderators and above; docs/moderation.md) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BanList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller’s role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Ban someone of a lower role from the group (moderator and above)
         * @description Ends their membership and any invite; while the ban is in force they cannot join, be invited, or read the group (a public group still shows that it exists). `until` absent: permanent. `deleteMessagesSince` also deletes their messages since then, as a moderator deleting each. Banning again replaces the end and the reason.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BanRequest"];
                };
            };
            responses: {
                /** @description banned */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BanResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/bans/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Lift a ban (moderator and above); they may join again, but are not made a member */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description lifted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/timeouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a member of a lower role from posting and reacting until a time (moderator and above)
         * @description They keep reading. A time already past lifts the timeout (409 `not_timed_out` when there is none).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TimeoutRequest"];
                };
            };
            responses: {
                /** @description recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/auto-moderation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The group's automatic moderation (moderators and above) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AutoModerationSettings"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller’s role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Set the group's automatic moderation: blocked words and patterns, and slow mode for new members (admins and owners)
         * @description The whole setting. Patterns use RE2 syntax, which matches in linear time; a plain word or phrase matches as a whole word; matching ignores case. Moderators and above are never held back by it.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AutoModerationRequest"];
                };
            };
            responses: {
                /** @description recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/invite-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The group's invite links, newest first, with their uses (moderators and above) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InviteLinkList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller’s role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an invite link to the group (moderator and above; not in a direct conversation)
         * @description Anyone signed in who opens the link may join, private groups too, unless banned. The url is `/invite/<code>` on the origin the request came to.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateInviteLinkRequest"];
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateInviteLinkResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/invite-links/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invite link (moderator and above); people who joined by it stay */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invite-links/{code}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a group by an invite link (anyone signed in)
         * @description A revoked, expired, used-up or unknown link answers 404 `invite_link_invalid`, without saying which; a ban in force 403 `banned`; a member 409 `already_member`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description joined */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JoinByLinkResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a message or a member to the group's moderators (members)
         * @description Exactly one of `messageId` and `userId`. A report about a moderator or above goes to the admins and owner. One report per reporter and target: a second answers 409 `already_reported`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FileReportRequest"];
                };
            };
            responses: {
                /** @description filed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FileReportResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a report with an action (moderators and up; admins and up for reports about moderators)
         * @description `dismiss`, `delete` (the reported message), `timeout` (until `until`, default one hour) or `ban` (`until` absent: permanent), each under the same rules as done directly. A resolved report answers 409 `already_resolved`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResolveReportRequest"];
                };
            };
            responses: {
                /** @description resolved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResolveReportResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Block someone: their messages collapse for me, their presence and typing are hidden, and they cannot open a DM with or invite me */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BlockResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Unblock someone */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BlockResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's direct conversations and the requests waiting for them, most recently active first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DmList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Open a direct conversation with 1 to 9 people, or get the one that exists
         * @description A direct conversation is a private group of kind `direct` whose id follows from its members (docs/direct-messages.md): asking again for the same people answers the same groupId and appends nothing. People who share a group with the caller are added at once; the others only with `request: true`, as a request they accept with POST /groups/{id}/join or decline with POST /groups/{id}/leave. Without it the answer is 403 `dm_request_required`, naming them in `userIds`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OpenDmRequest"];
                };
            };
            responses: {
                /** @description the conversation, new or existing */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OpenDmResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Message history, oldest first, paged by position; stable while new messages arrive */
        get: {
            parameters: {
                query?: {
                    /** @description a message position: only older messages */
                    before?: string;
                    /** @description a message position: only newer messages (the page then starts right after it) */
                    after?: string;
                    limit?: number;
                    /** @description a message id: the page is centred on it (a reply in a thread: on its root), for permalinks; `before`/`after` are then ignored */
                    around?: string;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessagePage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Send a message (members only)
         * @description Idempotent per clientMessageId: sending the same id again, even concurrently, yields one message with the same messageId (and, from the same instance, the same position); a retry that reaches another instance may append the same event again, which every reader skips. Decided on the instance’s view of the groups topic: pass X-Min-Position to have it include your own group changes. In slow mode a member waits slowModeSeconds between messages (429 slow_mode); moderators and above are exempt.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SendMessageRequest"];
                };
            };
            responses: {
                /** @description appended to the log */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendMessageResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 100 messages, to any groups of the caller, in one request
         * @description Each item is a send of its own, with the same validation, membership, slow mode, idempotency per (groupId, clientMessageId) and message budget (one point per item) as POST /groups/{id}/messages; the items are appended together. The answer lists, in order, either {messageId, position} or the problem of that item alone (422, 403, 404, 429, 503); a malformed body, or one over 1 MB (100 messages of 4,000 characters fit unless most characters are outside the BMP), is a problem for the whole request.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SendBatchRequest"];
                };
            };
            responses: {
                /** @description every item answered: appended, or its own problem */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendBatchResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a message (author, or moderator and above) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a message’s text (author only)
         * @description Mentions, @here/@everyone and the previewed link are decided again for the new text, as for a send.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EditMessageRequest"];
                };
            };
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/groups/{id}/messages/{messageId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo a moderator's removal of someone else's message, within a day (moderators and up)
         * @description The message comes back as it was when removed, for everyone, live and in history and search. A message its sender deleted cannot be restored (409 `not_restorable`), nor one removed more than a day ago; one that is not deleted answers 409 `not_deleted`. Restores of one group are decided one at a time, so two moderators' restores make one event.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/messages/{messageId}/reactions/{emoji}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * React to a message (members)
         * @description Reactions are a set per user and message: adding twice or removing a missing one is accepted and changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                    emoji: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Take a reaction back
         * @description Reactions are a set per user and message: adding twice or removing a missing one is accepted and changes nothing.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                    emoji: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/messages/{messageId}/link-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove the link preview of a message (its author) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/pins/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Pin a message (moderators and above; any member of a direct conversation)
         * @description Pins are a set per group: pinning twice or unpinning a message that is not pinned is accepted and changes nothing.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Unpin a message
         * @description Pins are a set per group: pinning twice or unpinning a message that is not pinned is accepted and changes nothing.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/threads/{messageId}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Follow a message’s thread
         * @description Members follow the threads they start or reply in without asking; an explicit choice holds until their next reply in the thread. GET /me/threads lists the followed ones.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Stop following a thread
         * @description Members follow the threads they start or reply in without asking; an explicit choice holds until their next reply in the thread. GET /me/threads lists the followed ones.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description appended to the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/read-markers/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Move my read marker in a conversation, or in one of its threads, forward (members)
         * @description The marker is the position of the newest message read; it never moves backwards (a position at or before it changes nothing and answers the marker as it is). With `threadId` (a thread root of this conversation) the marker of that thread moves instead, apart from the main list's: the position must then be the root or a reply in that thread. Moves are recorded as ReadMarkerMoved events, at most one append per user per second: a move made within a second of the last waits for the next append, with the moves of the other conversations and threads. A position that is not a message of this conversation (or of the thread), or past its newest message, and a `threadId` that is not a thread of this conversation, are refused with 422.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    groupId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MoveReadMarkerRequest"];
                };
            };
            responses: {
                /** @description the marker as it is now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MoveReadMarkerResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notification-settings/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set how a conversation notifies me, or (groupId `default`) my default
         * @description The whole setting: `level` (all messages, mentions and replies only, or nothing; a direct message counts as a mention) and `muteUntil` (nothing at all before it, @here and @everyone included). On `default`, also `pushText`: whether pushes show message text (only for public groups unless `always`). Recorded as a NotificationSettingsChanged event. Members only.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    groupId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NotificationSettingRequest"];
                };
            };
            responses: {
                /** @description the setting as recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettingResponse"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Drop a conversation's own notification setting: it follows my default again */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path: {
                    groupId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettingReset"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/push-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My Web Push subscriptions, and the VAPID public key to subscribe with */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PushSubscriptions"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register this browser's Web Push subscription (PushSubscription.toJSON())
         * @description The endpoint must be an https URL of a push service (not a private address). Subscribing an endpoint again updates its keys, and moves it to the caller if another account had it. A user keeps at most 20 subscriptions; a new one drops the oldest. Not an event: the keys are secrets.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PushSubscriptionRequest"];
                };
            };
            responses: {
                /** @description registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PushSubscriptionCreated"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Remove this browser's Web Push subscription
         * @description Removes the caller’s subscription with this endpoint; one of another account, or none, is left alone and answers the same.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PushUnsubscribeRequest"];
                };
            };
            responses: {
                /** @description removed (or there was none) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body over 1MB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description request body is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid fields, listed in `errors` */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The status of my latest data export, with its progress */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the latest export */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DataExportStatus"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Ask for a zip of all my data (made in the background)
         * @description Profile, memberships, every message I sent that is not deleted (by conversation), my reactions and my uploads, as JSON files plus the uploaded files. Answers 202 with the export's status; while one is queued or running, asking again answers that one. Follow it with GET /me/export. At most 5 a day. Pass X-Min-Position to include your latest writes. Not a log write: no position.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description queued (or the one already under way) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DataExportStatus"];
                    };
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate limited; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/export/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download my latest data export (application/zip), once ready */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the zip */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description malformed JSON or X-Min-Position */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no, expired or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown (a private group is unknown to non-members) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down or the read model is behind; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image, video, audio file or document
         * @description The type is sniffed from the bytes and must agree with the declared name and type. Images are re-encoded (EXIF/GPS removed, orientation applied) and get a 320 px WebP thumbnail. Limits per kind: MEDIA_MAX_IMAGE_BYTES, MEDIA_MAX_VIDEO_BYTES, MEDIA_MAX_AUDIO_BYTES, MEDIA_MAX_FILE_BYTES. Uploads not attached to a message or used as an avatar within MEDIA_UNATTACHED_TTL_SECONDS are removed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description stored */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MediaUploaded"];
                    };
                };
                /** @description no file field, an empty file, or a malformed body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description over the size limit of its kind, too many pixels, or larger than what is left of the daily quota (code quota_exceeded) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description type not accepted, or contradicting its declared name or type (executables, markup, polyglots, archives that look like bombs) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description damaged or truncated content */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description daily upload quota used up (MEDIA_DAILY_FILES_PER_USER, MEDIA_DAILY_BYTES_PER_USER; code quota_exceeded), or uploading too fast; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description too many images waiting to be decoded (code media_busy), or a dependency is down; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The uploaded bytes
         * @description Only for the uploader, users who may see a message carrying the media (public group, or member of a private one), and — for avatars — any signed-in user. Unknown and not allowed both answer 404. Supports Range (206) and If-None-Match (304).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the signed token of a media URL (from the upload answer or /media/{id}/links), for <img>/<video> which cannot send Authorization */
                    token?: string;
                };
                header?: {
                    Range?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the bytes, with the type sniffed at upload */
                200: {
                    headers: {
                        /** @description inline for images, video and audio; attachment for everything else */
                        "Content-Disposition"?: string;
                        ETag?: string;
                        "Accept-Ranges"?: "bytes";
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": string;
                    };
                };
                /** @description the requested range */
                206: {
                    headers: {
                        /** @description inline for images, video and audio; attachment for everything else */
                        "Content-Disposition"?: string;
                        ETag?: string;
                        "Accept-Ranges"?: "bytes";
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": string;
                    };
                };
                /** @description not modified */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no or invalid token, or an expired media link */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description range not satisfiable */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The 320 px WebP thumbnail of an image
         * @description Only for the uploader, users who may see a message carrying the media (public group, or member of a private one), and — for avatars — any signed-in user. Unknown and not allowed both answer 404. Supports Range (206) and If-None-Match (304).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the signed token of a media URL (from the upload answer or /media/{id}/links), for <img>/<video> which cannot send Authorization */
                    token?: string;
                };
                header?: {
                    Range?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the bytes, with the type sniffed at upload */
                200: {
                    headers: {
                        /** @description inline for images, video and audio; attachment for everything else */
                        "Content-Disposition"?: string;
                        ETag?: string;
                        "Accept-Ranges"?: "bytes";
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": string;
                    };
                };
                /** @description the requested range */
                206: {
                    headers: {
                        /** @description inline for images, video and audio; attachment for everything else */
                        "Content-Disposition"?: string;
                        ETag?: string;
                        "Accept-Ranges"?: "bytes";
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": string;
                    };
                };
                /** @description not modified */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no or invalid token, or an expired media link */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description range not satisfiable */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fresh signed URLs for a media the caller may see */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description URLs usable without an Authorization header until expiresAt */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            thumbnailUrl?: string;
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
                /** @description not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/link-previews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The preview of a link (title, description, site, image), from the cache or fetched now
         * @description Only public http(s) targets are fetched (checked after DNS resolution and on every redirect), within LINK_PREVIEW_TIMEOUT_MS and byte caps, without cookies. Results and failures are cached per URL (LINK_PREVIEW_TTL_SECONDS, LINK_PREVIEW_FAILURE_TTL_SECONDS). Rate limited per user (LINK_PREVIEW_LIMIT per minute).
         */
        get: {
            parameters: {
                query: {
                    /** @description the http(s) link to preview */
                    url: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the preview */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LinkPreview"];
                    };
                };
                /** @description not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the link has no preview (code no_link_preview): not HTML, no title or description, too large, too slow, or unreachable */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the url is missing or too long, or its target is refused (code link_preview_refused): not http(s), a port not allowed, or a non-public address */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description too many lookups; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/link-previews/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Our re-encoded copy (WebP, at most 480 px) of a preview image */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the image */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": string;
                    };
                };
                /** @description not modified */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, or the preview has no image */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find users by (partial) username or display name */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserSearchPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find users by (partial) username or display name */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserSearchPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A public profile */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserProfile"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discover groups: text search, interest facets, sorting */
        get: {
            parameters: {
                query?: {
                    /** @description words in the name, description or interests; the last word may be a prefix */
                    q?: string;
                    /** @description only groups with every one of these interests (repeat or comma-separate) */
                    interest?: string[];
                    sort?: "relevance" | "activity" | "size";
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/recommended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Groups not yet joined, ranked by shared interests and by what members of the caller's groups also joined */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecommendedGroups"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The report queue (moderators and above; reports about moderators: admins and owners) */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "resolved";
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller’s role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invite-links/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The group an invite link leads to (anyone signed in); a revoked, expired, used-up or unknown link: 404 `invite_link_invalid`, without saying which */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description the link code */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InviteLinkPreview"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people I have blocked, newest first */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BlockList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My reports and their outcome */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyReports"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first (moderators and above; docs/moderation.md); `format=csv` downloads every matching entry */
        get: {
            parameters: {
                query?: {
                    /** @description the `nextBefore` of the previous page: only older entries */
                    before?: string;
                    limit?: number;
                    /** @description only these actions (repeat or comma-separate) */
                    action?: ("group_created" | "group_deleted" | "settings_changed" | "member_invited" | "member_removed" | "role_changed" | "member_banned" | "member_unbanned" | "member_timed_out" | "message_pinned" | "message_unpinned" | "message_deleted" | "message_restored" | "invite_revoked" | "invite_link_created" | "invite_link_revoked" | "auto_moderation_changed" | "report_resolved")[];
                    /** @description only actions by this user */
                    actorId?: string;
                    /** @description csv: every matching entry as a file (the limit does not apply) */
                    format?: "json" | "csv";
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPage"];
                        "text/csv": string;
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed for the caller’s role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members with roles (private groups: members only) */
        get: {
            parameters: {
                query?: {
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemberPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/threads/{messageId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A thread: its root and a page of its replies, oldest first, paged like history */
        get: {
            parameters: {
                query?: {
                    /** @description a message position: only older messages */
                    before?: string;
                    /** @description a message position: only newer messages (the page then starts right after it) */
                    after?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                    /** @description the thread’s root message */
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThreadPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/pins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pinned messages of a group, newest pin first */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path: {
                    /** @description group id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PinList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unknown, deleted, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The threads the caller follows (started, replied in, or followed), most recent reply first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FollowedThreads"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unread and mention counts of every conversation of the caller, with their read markers (docs/unread.md) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnreadList"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notification-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My default and per-conversation notification settings (docs/notifications.md) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettings"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Full-text search over messages of the groups the caller belongs to, with highlights */
        get: {
            parameters: {
                query: {
                    /** @description words to find, with optional filters: from:username, in:group-name (quotes for spaces), has:file|image|video|audio|link, before:YYYY-MM-DD, after:YYYY-MM-DD */
                    q: string;
                    /** @description only this group (must be one of the caller's) */
                    groupId?: string;
                    sort?: "relevance" | "recent";
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: {
                    /** @description position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them */
                    "X-Min-Position"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageSearchPage"];
                    };
                };
                /** @description malformed cursor or position token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description invalid query parameters, one entry per field */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a read model is behind the given X-Min-Position, or a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details; some codes add fields of their own (retryAfter, errors) */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            instance?: string;
            errors?: {
                field: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        RegisterResponse: {
            userId: string;
            position: string;
        };
        RegisterRequest: {
            username: string;
            email: string;
            password: string;
            displayName?: string;
            interests?: string[];
        };
        LoginResponse: {
            accessToken: string;
            /** @description only when asked for (login with refreshTokenIn: body) or when the refresh token came in the body */
            refreshToken?: string;
            /** @description seconds the access token is valid */
            expiresIn: number;
            user: {
                id: string;
                username: string;
                email: string;
            };
        };
        LoginRequest: {
            /** @description username or email */
            login: string;
            password: string;
            /**
             * @description cookie (browsers): the refresh token only in the HttpOnly cookie; body (other clients): also as refreshToken in the answer
             * @default cookie
             * @enum {string}
             */
            refreshTokenIn: "cookie" | "body";
        };
        Tokens: {
            accessToken: string;
            /** @description only when asked for (login with refreshTokenIn: body) or when the refresh token came in the body */
            refreshToken?: string;
            /** @description seconds the access token is valid */
            expiresIn: number;
        };
        /** @default {} */
        RefreshRequest: {
            /** @description non-browser clients; browsers send the refresh cookie instead */
            refreshToken?: string;
        };
        ChangePasswordRequest: {
            currentPassword: string;
            newPassword: string;
        };
        AccountResponse: {
            email: string;
            emailVerified: boolean;
            /** @description a new address waiting for its confirmation link to be followed */
            pendingEmail: string | null;
        };
        MailAccepted: {
            message: string;
        };
        ChangeEmailAccepted: {
            message: string;
            pendingEmail: string;
        };
        ChangeEmailRequest: {
            email: string;
            /** @description the current password */
            password: string;
        };
        EmailVerified: {
            /** @description the account’s address, now verified */
            email: string;
        };
        TokenRequest: {
            /** @description the token from the link in the mail */
            token: string;
        };
        PasswordResetRequest: {
            email: string;
        };
        PasswordResetConfirmRequest: {
            /** @description the token from the link in the mail */
            token: string;
            password: string;
        };
        PositionResponse: {
            /** @description log position of the appended event; pass it back as X-Min-Position */
            position: string;
        };
        UpdateProfileRequest: {
            displayName?: string;
            bio?: string;
            interests?: string[];
            /** @description an uploaded image of the caller; null removes the avatar */
            avatarMediaId?: string | null;
        };
        CreateGroupResponse: {
            groupId: string;
            position: string;
        };
        CreateGroupRequest: {
            name: string;
            description?: string;
            interests?: string[];
            /** @enum {string} */
            visibility: "public" | "private";
        };
        UpdateGroupRequest: {
            name?: string;
            description?: string;
            interests?: string[];
            /** @enum {string} */
            visibility?: "public" | "private";
            /** @description minimum seconds between two messages of one member; 0 turns slow mode off */
            slowModeSeconds?: number;
            /**
             * @description the least role that may mention @here and @everyone (owners and admins set it)
             * @enum {string}
             */
            broadcastMinRole?: "owner" | "admin" | "moderator" | "member";
            /** @description messages older than this many days are no longer served: history, threads, pins, search, media (owners and admins set it); null keeps them forever */
            retentionDays?: number | null;
        };
        InviteRequest: {
            userId: string;
        };
        ChangeRoleRequest: {
            /** @enum {string} */
            role: "owner" | "admin" | "moderator" | "member";
        };
        BanResponse: {
            userId: string;
            until: string | null;
            /** @description how many of their messages were deleted with the ban */
            deletedMessages: number;
            /** @description log position of the last event; pass it back as X-Min-Position */
            position: string;
        };
        BanRequest: {
            userId: string;
            /** @description why, shown to moderators in the audit log */
            reason?: string;
            /** @description when the ban ends; absent or null: permanent */
            until?: string | null;
            /** @description also delete their messages sent since then (at most 7 days back, up to 1,000 messages) */
            deleteMessagesSince?: string | null;
        };
        TimeoutRequest: {
            userId: string;
            /**
             * Format: date-time
             * @description until when they cannot post or react (at most 28 days ahead); a time already past lifts the timeout
             */
            until: string;
            /** @description why, shown to moderators in the audit log */
            reason?: string;
        };
        AutoModerationRequest: {
            /** @description words or phrases (matched as whole words) or RE2 patterns, matched case-insensitively; at most 100 of 200 characters */
            patterns: string[];
            /**
             * @description flag: send it and report it to the moderators; refuse: do not send it (422 blocked_words)
             * @enum {string}
             */
            action: "flag" | "refuse";
            /** @description members who joined less than this many minutes ago are in slow mode; 0: off */
            newMemberMinutes: number;
            /** @description their minimum seconds between two messages */
            newMemberSlowModeSeconds: number;
        };
        CreateInviteLinkResponse: {
            /** @description the link code: 22 unguessable base64url characters */
            code: string;
            /** @description the link to share: /invite/<code> on the origin the request was sent to */
            url: string;
            /** @description log position of the link; pass it back as X-Min-Position */
            position: string;
        };
        CreateInviteLinkRequest: {
            /** @description when the link stops working (at most a year ahead); absent or null: never */
            expiresAt?: string | null;
            /** @description how many people may join by it; absent or null: unlimited */
            maxUses?: number | null;
        };
        JoinByLinkResponse: {
            groupId: string;
            /** @description log position of the join; pass it back as X-Min-Position */
            position: string;
        };
        FileReportResponse: {
            reportId: string;
            /** @description log position of the report; pass it back as X-Min-Position */
            position: string;
        };
        FileReportRequest: {
            groupId: string;
            /** @description the message reported */
            messageId?: string;
            /** @description the member reported */
            userId?: string;
            /** @description what is wrong, for the moderators */
            reason: string;
        };
        ResolveReportResponse: {
            reportId: string;
            /** @enum {string} */
            action: "dismiss" | "delete" | "timeout" | "ban";
            /** @description log position of the resolution; pass it back as X-Min-Position */
            position: string;
        };
        ResolveReportRequest: {
            /** @enum {string} */
            action: "dismiss" | "delete" | "timeout" | "ban";
            /**
             * Format: date-time
             * @description for a timeout (default: one hour) or a ban (absent: permanent)
             */
            until?: string;
            /** @description for the other moderators */
            note?: string;
        };
        BlockResponse: {
            userId: string;
            blocked: boolean;
            /** @description log position of the change; pass it back as X-Min-Position */
            position: string;
        };
        OpenDmResponse: {
            /** @description the conversation of exactly these people: the same id every time */
            groupId: string;
            /** @description log position of its newest change; pass it back as X-Min-Position */
            position: string;
        };
        OpenDmRequest: {
            /** @description the other people (1 to 9 once repeats and the caller are dropped); the caller is always in the conversation */
            userIds: string[];
            /** @description ask the people who share no group with the caller (they accept with POST /groups/{id}/join); without it such a conversation is refused */
            request?: boolean;
        };
        SendMessageResponse: {
            messageId: string;
            position: string;
        };
        SendMessageRequest: {
            /** @description chosen by the client; sending the same id again yields the same message */
            clientMessageId: string;
            text?: string;
            /** @description mediaIds of the caller’s uploads */
            attachments?: string[];
            /** @description a message of this group this one answers; shown as a quote of it */
            replyTo?: string;
            /** @description a message of this group whose thread this reply goes to (a reply in a thread goes to its thread) */
            threadId?: string;
            /** @description ids of the members the text mentions by @username; each must be a member of the group. @here and @everyone are read from the text */
            mentions?: string[];
            /** @description false: show no preview of the first link (default true) */
            linkPreview?: boolean;
        };
        SendBatchResponse: {
            /** @description one answer per item, in order */
            items: ({
                messageId: string;
                position: string;
            } | ({
                type: string;
                title: string;
                status: number;
                detail: string;
                code: string;
                instance?: string;
            } & {
                [key: string]: unknown;
            }))[];
        };
        SendBatchRequest: {
            /** @description up to 100 messages, each shaped like SendBatchItem */
            items: unknown[];
        };
        EditMessageRequest: {
            text: string;
            /** @description ids of the members the text mentions by @username; each must be a member of the group. @here and @everyone are read from the text */
            mentions?: string[];
            /** @description false: show no preview of the first link of the new text */
            linkPreview?: boolean;
        };
        MoveReadMarkerResponse: {
            groupId: string;
            /** @description the thread whose marker moved, when the request named one */
            threadId?: string;
            /** @description the marker now: the requested position, or the one already further on */
            marker: string;
            /** @description log position of the move that set the marker; pass it back as X-Min-Position */
            position: string;
        };
        MoveReadMarkerRequest: {
            /** @description position of the newest message read (a message’s `position` as history and live events give it) */
            position: string;
            /** @description a thread's root message id: moves my marker in that thread instead of the conversation's main list; the position must then be the root or one of its replies */
            threadId?: string | null;
        };
        NotificationSettingResponse: {
            /** @description the conversation, or null for the default */
            groupId: string | null;
            /**
             * @description all messages, mentions and replies only (a direct message counts as a mention), or nothing
             * @enum {string}
             */
            level: "all" | "mentions" | "none";
            muteUntil: string | null;
            /** @description on the default only; null on a conversation */
            pushText: ("public" | "always" | "never") | null;
            /** @description log position of the change; pass it back as X-Min-Position */
            position: string;
        };
        NotificationSettingRequest: {
            /**
             * @description all messages, mentions and replies only (a direct message counts as a mention), or nothing
             * @enum {string}
             */
            level: "all" | "mentions" | "none";
            /** @description no notification of any kind before this time, @here and @everyone included; null or absent: not muted */
            muteUntil?: string | null;
            /**
             * @description only on `default`: whether pushes show message text
             * @enum {string}
             */
            pushText?: "public" | "always" | "never";
        };
        NotificationSettingReset: {
            groupId: string;
            /** @description log position of the change; pass it back as X-Min-Position */
            position: string;
        };
        PushSubscriptionCreated: {
            subscriptionId: string;
            createdAt: string;
        };
        PushSubscriptionRequest: {
            /** @description the push service URL of this browser's subscription */
            endpoint: string;
            expirationTime?: number | null;
            keys: {
                p256dh: string;
                auth: string;
            };
        };
        PushUnsubscribeRequest: {
            endpoint: string;
        };
        DataExportStatus: {
            exportId: string;
            /** @enum {string} */
            status: "queued" | "running" | "ready" | "failed" | "expired";
            progress: {
                done: number;
                /** @description 0 until the export has counted what it will write */
                total: number;
            };
            createdAt: string;
            finishedAt: string | null;
            /** @description after this the file is deleted; ask for a new export */
            expiresAt: string | null;
            /** @description bytes of the zip, once ready */
            size: number | null;
            /** @description GET it with the access token, once ready */
            downloadUrl: string | null;
            error: string | null;
        };
        MediaUploaded: {
            mediaId: string;
            /** @enum {string} */
            kind: "image" | "video" | "audio" | "file";
            contentType: string;
            size: number;
            width?: number;
            height?: number;
            durationMs?: number;
            fileName?: string;
            /** @description a signed URL of the bytes, usable in <img>/<video> until urlExpiresAt */
            url: string;
            thumbnailMediaId?: string;
            thumbnailUrl?: string;
            /** Format: date-time */
            urlExpiresAt: string;
        };
        LinkPreview: {
            /** @description the cache entry; its image is at imageUrl */
            id: string;
            /** @description the link, normalised (no fragment) */
            url: string;
            title: string | null;
            description: string | null;
            /** @description og:site_name, or the host name */
            siteName: string;
            /** @description our re-encoded copy of the image (GET with the access token); never the original URL */
            imageUrl: string | null;
        };
        GroupSummary: {
            id: string;
            name: string;
            description: string;
            interests: string[];
            /** @enum {string} */
            visibility: "public" | "private";
            memberCount: number;
            lastActivityAt: string | null;
            /** @description the caller's role, null when not a member */
            myRole: ("owner" | "admin" | "moderator" | "member") | null;
        };
        GroupHit: {
            id: string;
            name: string;
            description: string;
            interests: string[];
            /** @enum {string} */
            visibility: "public" | "private";
            memberCount: number;
            lastActivityAt: string | null;
            /** @description the caller's role, null when not a member */
            myRole: ("owner" | "admin" | "moderator" | "member") | null;
            highlight?: {
                [key: string]: string[];
            };
        };
        GroupDetail: {
            id: string;
            name: string;
            description: string;
            interests: string[];
            /** @enum {string} */
            visibility: "public" | "private";
            memberCount: number;
            lastActivityAt: string | null;
            /** @description the caller's role, null when not a member */
            myRole: ("owner" | "admin" | "moderator" | "member") | null;
            ownerId: string;
            slowModeSeconds: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description the caller holds an invite (accept with POST /groups/{id}/join) */
            invited: boolean;
            /**
             * @description `direct`: a direct conversation (GET /dms), named by its members, with no settings
             * @enum {string}
             */
            kind: "group" | "direct";
            /**
             * @description the least role that may mention @here and @everyone
             * @enum {string}
             */
            broadcastMinRole: "owner" | "admin" | "moderator" | "member";
            /** @description messages older than this many days are not served (docs/privacy.md); null: kept forever */
            retentionDays: number | null;
            /** @description a ban of the caller in force (docs/moderation.md): they cannot join or read */
            myBan: {
                /** @description null: permanent */
                until: string | null;
                reason: string | null;
            } | null;
            /** @description a timeout of the caller in force: they read but cannot post or react until then */
            myTimeout: {
                /** Format: date-time */
                until: string;
                reason: string | null;
            } | null;
        };
        AuditPage: {
            items: {
                /** @description the entry’s place in the log */
                id: string;
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                action: "group_created" | "group_deleted" | "settings_changed" | "member_invited" | "member_removed" | "role_changed" | "member_banned" | "member_unbanned" | "member_timed_out" | "message_pinned" | "message_unpinned" | "message_deleted" | "message_restored" | "invite_revoked" | "invite_link_created" | "invite_link_revoked" | "auto_moderation_changed" | "report_resolved";
                /** @description who did it (null: the system) */
                actor: {
                    userId: string;
                    username: string | null;
                    displayName: string | null;
                } | null;
                /** @description whom it was done to, if anyone */
                targetUser: {
                    userId: string;
                    username: string | null;
                    displayName: string | null;
                } | null;
                targetMessageId: string | null;
                /** @description per action: role, changed fields and their new values, reason, until */
                details: {
                    [key: string]: unknown;
                };
            }[];
            /** @description pass back as `before` for older entries; null on the last page */
            nextBefore: string | null;
        };
        ReportList: {
            items: {
                reportId: string;
                groupId: string;
                reporter: {
                    userId: string;
                    displayName: string | null;
                };
                target: {
                    userId: string;
                    displayName: string | null;
                    /** @description null: no longer a member */
                    role: ("owner" | "admin" | "moderator" | "member") | null;
                };
                /** @description null for a report about a member */
                message: {
                    messageId: string;
                    /** @description null when deleted or without text */
                    text: string | null;
                    deleted: boolean;
                } | null;
                reason: string;
                /**
                 * @description admins: about a moderator or above, for admins and owners only
                 * @enum {string}
                 */
                audience: "moderators" | "admins";
                /** Format: date-time */
                filedAt: string;
                /** @enum {string} */
                status: "open" | "resolved";
                /** @description null while open */
                action: ("dismiss" | "delete" | "timeout" | "ban") | null;
                resolvedBy: string | null;
                resolvedAt: string | null;
                note: string | null;
            }[];
        };
        MyReports: {
            items: {
                reportId: string;
                groupId: string;
                groupName: string;
                target: {
                    userId: string;
                    displayName: string | null;
                };
                messageId: string | null;
                reason: string;
                /** Format: date-time */
                filedAt: string;
                /** @enum {string} */
                status: "open" | "resolved";
                /** @description null while open */
                action: ("dismiss" | "delete" | "timeout" | "ban") | null;
                resolvedAt: string | null;
            }[];
        };
        AutoModerationSettings: {
            /** @description blocked words, phrases and RE2 patterns */
            patterns: string[];
            /** @enum {string} */
            action: "flag" | "refuse";
            newMemberMinutes: number;
            newMemberSlowModeSeconds: number;
        };
        BlockList: {
            items: {
                userId: string;
                username: string | null;
                displayName: string | null;
                avatarMediaId: string | null;
                /** Format: date-time */
                blockedAt: string;
            }[];
        };
        InviteList: {
            items: {
                userId: string;
                username: string | null;
                displayName: string | null;
                invitedBy: string;
                invitedByName: string | null;
                /** Format: date-time */
                invitedAt: string;
                /** @description the invite lapses then (7 days after it was made); null: never */
                expiresAt: string | null;
            }[];
        };
        BanList: {
            items: {
                userId: string;
                username: string | null;
                displayName: string | null;
                /** @description null: permanent */
                until: string | null;
                reason: string | null;
                bannedBy: string;
                /** Format: date-time */
                bannedAt: string;
            }[];
        };
        GroupPage: {
            items: components["schemas"]["GroupHit"][];
            total: number;
            /** @description pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            facets: {
                interests: {
                    value: string;
                    count: number;
                }[];
            };
        };
        RecommendedGroups: {
            items: {
                id: string;
                name: string;
                description: string;
                interests: string[];
                /** @enum {string} */
                visibility: "public" | "private";
                memberCount: number;
                lastActivityAt: string | null;
                /** @description the caller's role, null when not a member */
                myRole: ("owner" | "admin" | "moderator" | "member") | null;
                score: number;
                reasons: {
                    sharedInterests: string[];
                    membersFromYourGroups: number;
                };
            }[];
        };
        MemberPage: {
            items: {
                userId: string;
                username: string | null;
                displayName: string | null;
                avatarMediaId: string | null;
                /** @enum {string} */
                role: "owner" | "admin" | "moderator" | "member";
                /** Format: date-time */
                joinedAt: string;
            }[];
            /** @description pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        Attachment: {
            mediaId: string;
            /** @enum {string} */
            kind: "image" | "video" | "audio" | "file";
            contentType: string;
            size: number;
            fileName?: string | null;
            width?: number | null;
            height?: number | null;
            durationMs?: number | null;
            thumbnailMediaId?: string | null;
            url: string;
            thumbnailUrl?: string | null;
        } & {
            [key: string]: unknown;
        };
        Reaction: {
            emoji: string;
            count: number;
            mine: boolean;
            /** @description who reacted, first ones first (at most 20; `count` is exact) */
            userIds: string[];
        };
        /** @description the message this one answers */
        Quote: {
            id: string;
            senderId: string | null;
            username: string | null;
            displayName: string | null;
            /** @description the start of the parent’s text; null when it is deleted or has attachments only */
            text: string | null;
            deleted: boolean;
        };
        Message: {
            id: string;
            groupId: string;
            senderId: string;
            sender: {
                username: string | null;
                displayName: string | null;
                avatarMediaId: string | null;
            };
            clientMessageId: string;
            /** @description null when deleted or attachments only */
            text: string | null;
            attachments: components["schemas"]["Attachment"][];
            /** Format: date-time */
            sentAt: string;
            editedAt: string | null;
            deleted: boolean;
            reactions: components["schemas"]["Reaction"][];
            replyTo: components["schemas"]["Quote"] | null;
            /** @description the root of the thread this message is a reply in */
            threadId: string | null;
            /** @description for a root with replies: how many are live and when the last came */
            thread: {
                replyCount: number;
                /** Format: date-time */
                lastReplyAt: string;
            } | null;
            /** @description ids of the members the text mentions */
            mentions: string[];
            /** @description @here or @everyone */
            broadcast: ("here" | "everyone") | null;
            /** @description the link whose preview is shown: GET /link-previews?url= */
            linkPreview: string | null;
            /** @description the caller has blocked the sender: the web collapses it */
            senderBlocked: boolean;
            /** @description opaque position token of the message in the log */
            position: string;
        };
        MessagePage: {
            /** @description oldest first */
            items: components["schemas"]["Message"][];
            /** @description more messages exist in the direction of travel (older without `after`, newer with it) */
            hasMore: boolean;
            /** @description position of the oldest item: pass as `before` for older messages */
            nextBefore?: string;
            /** @description position of the newest item: pass as `after` for newer messages */
            nextAfter?: string;
            /** @description with `around`: newer messages exist after the page */
            hasMoreAfter?: boolean;
            /** @description with `around`: the message asked for, and its thread if it is a reply in one */
            anchor?: {
                messageId: string;
                threadId: string | null;
            };
        };
        ThreadPage: {
            root: components["schemas"]["Message"];
            /** @description whether the caller follows the thread */
            following: boolean;
            /** @description replies, oldest first */
            items: components["schemas"]["Message"][];
            hasMore: boolean;
            /** @description opaque position token of the message in the log */
            nextBefore?: string;
            /** @description opaque position token of the message in the log */
            nextAfter?: string;
        };
        PinList: {
            items: {
                id: string;
                groupId: string;
                senderId: string;
                sender: {
                    username: string | null;
                    displayName: string | null;
                    avatarMediaId: string | null;
                };
                clientMessageId: string;
                /** @description null when deleted or attachments only */
                text: string | null;
                attachments: components["schemas"]["Attachment"][];
                /** Format: date-time */
                sentAt: string;
                editedAt: string | null;
                deleted: boolean;
                reactions: components["schemas"]["Reaction"][];
                replyTo: components["schemas"]["Quote"] | null;
                /** @description the root of the thread this message is a reply in */
                threadId: string | null;
                /** @description for a root with replies: how many are live and when the last came */
                thread: {
                    replyCount: number;
                    /** Format: date-time */
                    lastReplyAt: string;
                } | null;
                /** @description ids of the members the text mentions */
                mentions: string[];
                /** @description @here or @everyone */
                broadcast: ("here" | "everyone") | null;
                /** @description the link whose preview is shown: GET /link-previews?url= */
                linkPreview: string | null;
                /** @description the caller has blocked the sender: the web collapses it */
                senderBlocked: boolean;
                /** @description opaque position token of the message in the log */
                position: string;
                pinnedBy: string | null;
                /** Format: date-time */
                pinnedAt: string;
            }[];
        };
        FollowedThread: {
            id: string;
            groupId: string;
            senderId: string;
            sender: {
                username: string | null;
                displayName: string | null;
                avatarMediaId: string | null;
            };
            clientMessageId: string;
            /** @description null when deleted or attachments only */
            text: string | null;
            attachments: components["schemas"]["Attachment"][];
            /** Format: date-time */
            sentAt: string;
            editedAt: string | null;
            deleted: boolean;
            reactions: components["schemas"]["Reaction"][];
            replyTo: components["schemas"]["Quote"] | null;
            /** @description the root of the thread this message is a reply in */
            threadId: string | null;
            /** @description for a root with replies: how many are live and when the last came */
            thread: {
                replyCount: number;
                /** Format: date-time */
                lastReplyAt: string;
            } | null;
            /** @description ids of the members the text mentions */
            mentions: string[];
            /** @description @here or @everyone */
            broadcast: ("here" | "everyone") | null;
            /** @description the link whose preview is shown: GET /link-previews?url= */
            linkPreview: string | null;
            /** @description the caller has blocked the sender: the web collapses it */
            senderBlocked: boolean;
            /** @description opaque position token of the message in the log */
            position: string;
            /** @description replies of others after my marker in the thread (or after my own newest reply there, if further), not deleted, not of people I block; at most 1000 */
            unread: number;
            /** @description position of the newest message of the thread read; null before the first PUT /me/read-markers/{groupId} with this threadId */
            marker: string | null;
        };
        FollowedThreads: {
            /** @description thread roots, most recent reply first */
            items: components["schemas"]["FollowedThread"][];
        };
        MessageHit: {
            id: string;
            groupId: string;
            senderId: string;
            text: string | null;
            sentAt: string | null;
            editedAt: string | null;
            position: string | null;
            /** @description for a reply in a thread: its root, to open the hit in its thread */
            threadId: string | null;
            /** @description HTML-escaped fragments with matches in <mark> */
            highlight: string[];
            score: number | null;
        };
        MessageSearchPage: {
            items: components["schemas"]["MessageHit"][];
            total: number;
            /** @description pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        UserProfile: {
            id: string;
            username: string;
            displayName: string;
            bio: string | null;
            interests: string[];
            avatarMediaId: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Me: {
            id: string;
            username: string;
            email: string;
            displayName: string;
            bio: string | null;
            interests: string[];
            avatarMediaId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            groups: {
                groupId: string;
                name: string;
                /** @enum {string} */
                visibility: "public" | "private";
                /** @enum {string} */
                role: "owner" | "admin" | "moderator" | "member";
                /** Format: date-time */
                joinedAt: string;
            }[];
            invites: {
                groupId: string;
                name: string;
                invitedBy: string;
                /** Format: date-time */
                invitedAt: string;
            }[];
        };
        DmList: {
            /** @description most recently active first */
            items: {
                /** @description the conversation: read and post with the /groups/{id} routes */
                groupId: string;
                /**
                 * @description the caller's standing: `invited` is a request to accept (POST /groups/{id}/join) or decline (POST /groups/{id}/leave)
                 * @enum {string}
                 */
                status: "member" | "invited";
                /** @description who asked, for a request */
                invitedBy: string | null;
                /** @description everyone else in it or asked to it */
                others: {
                    id: string;
                    username: string | null;
                    displayName: string | null;
                    avatarMediaId: string | null;
                    /** @enum {string} */
                    status: "member" | "invited";
                }[];
                /** Format: date-time */
                lastActivityAt: string;
                /** Format: date-time */
                createdAt: string;
            }[];
        };
        UnreadList: {
            /** @description every group and direct conversation the caller is a member of, by groupId */
            items: {
                groupId: string;
                /** @description top-level messages of others after the marker (without one: since joining), not deleted; at most 1000 */
                unread: number;
                /** @description those of them that mention the caller or @here/@everyone */
                mentions: number;
                /** @description position of the newest message read; null before the first PUT /me/read-markers/{groupId} */
                marker: string | null;
                /** @description position of the newest message, for marking the conversation read; null without messages */
                latest: string | null;
            }[];
        };
        NotificationSettings: {
            default: {
                /**
                 * @description for conversations without a setting of their own
                 * @enum {string}
                 */
                level: "all" | "mentions" | "none";
                /** @description nothing notifies before this time */
                muteUntil: string | null;
                /**
                 * @description whether pushes show message text: public groups only, always or never
                 * @enum {string}
                 */
                pushText: "public" | "always" | "never";
            };
            /** @description conversations of the caller with a setting of their own */
            items: {
                groupId: string;
                /** @description null: the default level */
                level: ("all" | "mentions" | "none") | null;
                muteUntil: string | null;
            }[];
        };
        PushSubscriptions: {
            /** @description the server's VAPID public key (base64url): `applicationServerKey` for pushManager.subscribe */
            vapidPublicKey: string;
            /** @description the caller's browsers, newest first */
            items: {
                subscriptionId: string;
                /** Format: date-time */
                createdAt: string;
                userAgent: string | null;
            }[];
        };
        UserHit: {
            id: string;
            username: string;
            displayName: string;
            interests: string[];
            avatarMediaId: string | null;
        };
        UserSearchPage: {
            items: components["schemas"]["UserHit"][];
            total: number;
            /** @description pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        InviteLinkList: {
            items: {
                code: string;
                /** @description /invite/<code> on the origin the request was sent to */
                url: string;
                createdBy: string;
                /** Format: date-time */
                createdAt: string;
                /** @description null: never */
                expiresAt: string | null;
                /** @description null: unlimited */
                maxUses: number | null;
                uses: number;
                revoked: boolean;
                /** @description not revoked, not expired and not used up */
                works: boolean;
            }[];
        };
        InviteLinkPreview: {
            code: string;
            groupId: string;
            name: string;
            description: string;
            memberCount: number;
            /** @enum {string} */
            visibility: "public" | "private";
            expiresAt: string | null;
            /** @description the caller is already a member */
            isMember: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
