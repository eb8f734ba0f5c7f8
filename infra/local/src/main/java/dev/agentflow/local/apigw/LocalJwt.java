package dev.agentflow.local.apigw;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local cloud's token authority (Nimbus JOSE+JWT, HS256): signs tokens for {@code ./agentflow token}
 * and checks them as the HTTP API JWT authorizer does in the cloud (API Gateway developer guide,
 * "Controlling access to HTTP APIs with JWT authorizers": signature, {@code iss}, {@code aud},
 * {@code exp}, {@code nbf}; the claims then reach the function as {@code requestContext.authorizer.jwt.claims}).
 *
 * @param issuer   {@code iss} written and required
 * @param audience {@code aud} written and required
 * @param secret   HMAC key, at least 32 bytes
 * @param clock    clock for {@code iat}/{@code exp} and checks
 */
public record LocalJwt(String issuer, String audience, byte[] secret, Clock clock) {

    /** Default issuer of local tokens. */
    public static final String DEFAULT_ISSUER = "https://agentflow.local";
    /** Default audience (template.yaml's JwtAudience default). */
    public static final String DEFAULT_AUDIENCE = "agentflow";
    /** Tolerated clock skew, as API Gateway allows. */
    public static final Duration SKEW = Duration.ofSeconds(60);

    public LocalJwt {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 key needs at least 32 bytes");
        }
        secret = secret.clone();
    }

    /** A token is missing, malformed, badly signed, expired or for another issuer or audience. */
    public static final class Rejected extends Exception {
        /** @param reason why (never the token itself) */
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Signs a token for {@code userId} ({@code sub}) valid for {@code ttl}. */
    public String sign(String userId, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId).issuer(issuer).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "access")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
    }

    /**
     * Verifies a bearer token.
     *
     * @return the claims as API Gateway passes them (string values; lists as {@code [a b]})
     * @throws Rejected when it does not verify
     */
    public Map<String, String> verify(String token) throws Rejected {
        if (token == null || token.isBlank()) {
            throw new Rejected("no token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected("malformed token");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new Rejected("unexpected algorithm");
        }
        try {
            if (!jwt.verify(new MACVerifier(secret))) {
                throw new Rejected("bad signature");
            }
        } catch (JOSEException e) {
            throw new Rejected("bad signature");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plus(SKEW).isBefore(now)) {
            throw new Rejected("expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(SKEW).isAfter(now)) {
            throw new Rejected("not yet valid");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new Rejected("wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new Rejected("wrong audience");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new Rejected("no subject");
        }
        Map<String, String> out = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> out.put(name, text(value)));
        return out;
    }

    private static String text(Object value) {
        if (value instanceof Date d) {
            return Long.toString(d.toInstant().getEpochSecond());
        }
        if (value instanceof List<?> list) {
            return list.size() == 1 ? String.valueOf(list.get(0))
                    : "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(value);
    }
}
