package dev.agentflow.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final TokenVerifier verifier = TokenVerifier.fromEnvironment(Map.of("JWT_ISSUER", "https://issuer",
            "JWT_AUDIENCE", "agentflow", "JWT_HS256_SECRET", Base64.getEncoder().encodeToString(KEY)));

    private static String token(byte[] key, String issuer, String audience, Duration ttl) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("alice")
                .issuer(issuer).audience(List.of(audience)).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    @Test
    void subject_ofAValidToken_shouldBeItsSub() throws Exception {
        assertEquals("alice", verifier.subject(token(KEY, "https://issuer", "agentflow", Duration.ofMinutes(5))).orElseThrow());
    }

    @Test
    void subject_shouldBeEmptyForExpiredForeignOrForgedTokens() throws Exception {
        assertTrue(verifier.subject(token(KEY, "https://issuer", "agentflow", Duration.ofMinutes(-5))).isEmpty());
        assertTrue(verifier.subject(token(KEY, "https://other", "agentflow", Duration.ofMinutes(5))).isEmpty());
        assertTrue(verifier.subject(token(KEY, "https://issuer", "someone-else", Duration.ofMinutes(5))).isEmpty());
        assertTrue(verifier.subject(token("fedcba9876543210fedcba9876543210".getBytes(), "https://issuer", "agentflow",
                Duration.ofMinutes(5))).isEmpty());
        assertTrue(verifier.subject("not a token").isEmpty());
        assertTrue(verifier.subject(null).isEmpty());
    }

    @Test
    void authorizer_shouldAllowWithTheUserInTheContextOrDeny() throws Exception {
        ConnectAuthorizerHandler handler = new ConnectAuthorizerHandler(verifier,
                new dev.agentflow.shared.log.JsonLog(System.out, java.time.Clock.systemUTC()));
        String arn = "arn:aws:execute-api:us-east-1:000000000000:api/v1/$connect";
        Map<String, Object> allowed = handler.handleRequest(Map.of("type", "REQUEST", "methodArn", arn,
                "queryStringParameters", Map.of("token", token(KEY, "https://issuer", "agentflow", Duration.ofMinutes(5)))), null);
        assertEquals("alice", allowed.get("principalId"));
        assertEquals(Map.of("userId", "alice"), allowed.get("context"));
        assertTrue(allowed.toString().contains("Effect=Allow"), allowed::toString);

        Map<String, Object> denied = handler.handleRequest(Map.of("type", "REQUEST", "methodArn", arn), null);
        assertTrue(denied.toString().contains("Effect=Deny"), denied::toString);
    }
}
