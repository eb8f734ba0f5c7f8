package dev.agentflow.realtime;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code ?token=} of a WebSocket {@code $connect} the way the HTTP API's JWT authorizer checks a
 * bearer token (API Gateway developer guide, "Controlling access to HTTP APIs with JWT authorizers"):
 * signature, {@code iss} equal to the configured issuer, {@code aud} containing the audience, {@code exp}
 * and {@code nbf} (60 s skew), and a {@code sub}. Keys: the issuer's JWKS
 * ({@code <issuer>/.well-known/jwks.json}, RS256/ES256, e.g. a Cognito user pool), or — the local cloud
 * only — an HS256 key (the local token authority's, {@code ./agentflow token}). Nimbus JOSE+JWT.
 */
public final class TokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor;

    private TokenVerifier(DefaultJWTProcessor<SecurityContext> processor, String issuer, String audience) {
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
        this.processor = processor;
    }

    /** A verifier of HS256 tokens signed with {@code secret} (at least 32 bytes). */
    public static TokenVerifier hs256(byte[] secret, String issuer, String audience) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 key needs at least 32 bytes");
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, new SecretKeySpec(secret, "HmacSHA256")));
        return new TokenVerifier(p, issuer, audience);
    }

    /** A verifier of RS256/ES256 tokens whose keys the issuer publishes at {@code jwksUrl} (cached by Nimbus). */
    public static TokenVerifier jwks(URI jwksUrl, String issuer, String audience) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(jwksUrl.toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a JWKS URL: " + jwksUrl, e);
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        return new TokenVerifier(p, issuer, audience);
    }

    /**
     * From the authorizer's environment: {@code JWT_ISSUER} and {@code JWT_AUDIENCE} (required);
     * {@code JWT_HS256_SECRET} (base64; local cloud only) or else {@code JWT_JWKS_URL} (default
     * {@code <issuer>/.well-known/jwks.json}).
     *
     * @throws IllegalStateException naming a missing or malformed variable (never its value)
     */
    public static TokenVerifier fromEnvironment(java.util.Map<String, String> env) {
        String issuer = require(env, "JWT_ISSUER");
        String audience = require(env, "JWT_AUDIENCE");
        String secret = env.get("JWT_HS256_SECRET");
        if (secret != null && !secret.isBlank()) {
            try {
                return hs256(Base64.getDecoder().decode(secret.trim()), issuer, audience);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("JWT_HS256_SECRET must be base64 of at least 32 bytes", e);
            }
        }
        String jwks = env.get("JWT_JWKS_URL");
        String url = jwks == null || jwks.isBlank()
                ? (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/jwks.json" : jwks.trim();
        return jwks(URI.create(url), issuer, audience);
    }

    /** The token's {@code sub}, or empty when the token does not verify (any reason). */
    public Optional<String> subject(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(processor.process(token.trim(), null).getSubject()).filter(s -> !s.isBlank());
        } catch (java.text.ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return Optional.empty();
        }
    }

    private static String require(java.util.Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value.trim();
    }
}
