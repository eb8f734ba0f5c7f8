package dev.agentflow.local.sfn.service;

import dev.agentflow.local.sfn.SfnServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging tokens: the offset into a listing, bound to the listing it came from (so a token from one
 * operation or resource is rejected by another with {@code InvalidToken}). Source: Step Functions API reference,
 * "ListExecutions" (nextToken, InvalidToken).
 */
final class PageToken {

  private PageToken() {}

  static String encode(String scope, int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((scope + "\n" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return the offset, 0 for a {@code null} token
   * @throws SfnServiceException InvalidToken if the token is malformed or from another listing
   */
  static int decode(String token, String scope) throws SfnServiceException {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int nl = text.lastIndexOf('\n');
      if (nl < 0 || !text.substring(0, nl).equals(scope)) {
        throw new IllegalArgumentException("token of another listing");
      }
      int offset = Integer.parseInt(text.substring(nl + 1));
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset");
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw new SfnServiceException("InvalidToken", "Invalid Token: '" + token + "'", ApiJson.BAD_REQUEST);
    }
  }
}
