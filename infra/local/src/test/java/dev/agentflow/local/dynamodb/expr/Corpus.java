package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differential corpus: items, ExpressionAttributeNames / Values, and the expressions tried on them. A case's
 * names and values are those of the shared maps that its text mentions (so the correct cases have no unused
 * ones); the cases about unused or undefined placeholders give their maps explicitly.
 */
final class Corpus {

  private Corpus() {}

  static final String ITEM_A = "{\"s\":{\"S\":\"hello\"},\"n\":{\"N\":\"5\"},\"n2\":{\"N\":\"10.50\"},"
      + "\"neg\":{\"N\":\"-1.5\"},\"b\":{\"B\":\"aGVsbG8=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
      + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"aGk=\",\"aGVsbG8=\"]},"
      + "\"l\":{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"},{\"M\":{\"k\":{\"S\":\"v\"}}},{\"L\":[{\"N\":\"2\"}]}]},"
      + "\"m\":{\"M\":{\"a\":{\"M\":{\"b\":{\"L\":[{\"N\":\"1\"},{\"N\":\"2\"}]}}},\"c\":{\"S\":\"x\"},"
      + "\"n\":{\"N\":\"3\"}}},\"status\":{\"S\":\"active\"},\"a.b\":{\"S\":\"dotted\"},"
      + "\"u\":{\"S\":\"\u00fc\u20ac\ud83d\ude00\"},\"es\":{\"S\":\"\"},\"_a\":{\"S\":\"under\"},\"a1\":{\"N\":\"1\"}}";
  static final String ITEM_B = "{\"s\":{\"S\":\"abc\"},\"n\":{\"N\":\"-3\"},\"l\":{\"L\":[]},\"m\":{\"M\":{}},"
      + "\"ss\":{\"SS\":[\"c\"]}}";
  /** The items conditions and updates run on; {@code null} is "no item". */
  static final List<String> ITEMS = java.util.Arrays.asList(ITEM_A, ITEM_B, null);

  static final String VALUES = "{\":s\":{\"S\":\"hello\"},\":h\":{\"S\":\"he\"},\":x\":{\"S\":\"x\"},"
      + "\":ll\":{\"S\":\"ll\"},\":abc\":{\"S\":\"abc\"},\":zz\":{\"S\":\"zz\"},\":a\":{\"S\":\"a\"},"
      + "\":c\":{\"S\":\"c\"},\":k\":{\"S\":\"v\"},\":e\":{\"S\":\"\"},\":n\":{\"N\":\"5\"},\":n5\":{\"N\":\"5.0\"},"
      + "\":n10\":{\"N\":\"10.5\"},\":n0\":{\"N\":\"0\"},\":one\":{\"N\":\"1\"},\":two\":{\"N\":\"2\"},"
      + "\":three\":{\"N\":\"3\"},\":four\":{\"N\":\"4\"},\":six\":{\"N\":\"6\"},\":neg\":{\"N\":\"-1.5\"},"
      + "\":big\":{\"N\":\"12345678901234567890.123\"},\":tiny\":{\"N\":\"0.000001\"},"
      + "\":b\":{\"B\":\"aGVsbG8=\"},\":bh\":{\"B\":\"aGk=\"},\":bpre\":{\"B\":\"aGVs\"},\":t\":{\"BOOL\":true},"
      + "\":f\":{\"BOOL\":false},\":nul\":{\"NULL\":true},\":ss\":{\"SS\":[\"a\",\"b\"]},"
      + "\":ssba\":{\"SS\":[\"b\",\"a\"]},\":ssc\":{\"SS\":[\"c\"]},\":ssa\":{\"SS\":[\"a\"]},"
      + "\":ns\":{\"NS\":[\"2\",\"1\"]},\":ns3\":{\"NS\":[\"3\"]},\":bs\":{\"BS\":[\"aGk=\"]},"
      + "\":l\":{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"}]},\":l2\":{\"L\":[{\"N\":\"9\"}]},"
      + "\":lm\":{\"M\":{\"k\":{\"S\":\"v\"}}},\":m\":{\"M\":{\"c\":{\"S\":\"x\"}}},\":tS\":{\"S\":\"S\"},"
      + "\":tN\":{\"S\":\"N\"},\":tSS\":{\"S\":\"SS\"},\":tL\":{\"S\":\"L\"},\":tM\":{\"S\":\"M\"},"
      + "\":tBOOL\":{\"S\":\"BOOL\"},\":tNULL\":{\"S\":\"NULL\"},\":tX\":{\"S\":\"XX\"},\":q\":{\"S\":\"q\"},"
      + "\":e2\":{\"N\":\"1E+2\"},\":max\":{\"N\":\"9.9999999999999999999999999999999999999E+125\"},"
      + "\":p38\":{\"N\":\"12345678901234567890123456789012345678\"},\":minpos\":{\"N\":\"1E-130\"},\":sa\":{\"S\":\"a\"},\":sab\":{\"S\":\"ab\"},\":sb\":{\"S\":\"b\"}}";
  static final String NAMES = "{\"#s\":\"s\",\"#st\":\"status\",\"#ab\":\"a.b\",\"#m\":\"m\",\"#l\":\"l\","
      + "\"#n\":\"n\",\"#a\":\"a\",\"#c\":\"c\",\"#miss\":\"missing\",\"#b\":\"b\",\"#pk\":\"pk\",\"#sk\":\"sk\","
      + "\"#0\":\"s\",\"#size\":\"size\"}";

  /** Conditions run against every item. */
  static final List<String> CONDITIONS = List.of(
      "s = :s", "s <> :s", "s = :x", "n = :n", "n = :n5", "n < :n10", "n <= :n", "n > :n", "n >= :n",
      "s < :zz", "s > :abc", "s <= :s", "b = :b", "b > :bh", "b < :bh", "n = :s", "n < :s", "n <> :s",
      "nope = :s", "nope <> :s", "nope < :n", "t = :t", "t = :f", "t <> :f", "z = :nul", "ss = :ss",
      "ss = :ssba", "ss <> :ssa", "ns = :ns", "l = :l", "m = :m", "m.c = :x", "m.a.b[1] = :two",
      "m.a.b[5] = :two", "l[0] = :one", "l[2].k = :k", "l[3][0] = :two", "l[2] = :lm", "#m.#c = :x",
      "#st = :s", "#st <> :s", "#ab = :s", "#s = :s", "#0 = :s", "a.b = :s", "_a = :s", "a1 = :one",
      "n BETWEEN :n0 AND :n10", "s BETWEEN :a AND :zz", "n BETWEEN :one AND :two", "n BETWEEN :n AND :n",
      "s BETWEEN :n0 AND :n10", "nope BETWEEN :one AND :two", "n IN (:one, :n, :two)", "s IN (:x, :abc)",
      "ss IN (:ss)", "nope IN (:s)", "n IN (:n5)", "s IN (:s)", "attribute_exists(s)", "attribute_exists(nope)",
      "attribute_not_exists(s)", "attribute_not_exists(nope)", "attribute_exists(m.a.b[0])",
      "attribute_exists(l[9])", "attribute_exists(#st)", "attribute_not_exists(m.zz)", "attribute_type(s, :tS)",
      "attribute_type(n, :tS)", "attribute_type(n, :tN)", "attribute_type(ss, :tSS)", "attribute_type(l, :tL)",
      "attribute_type(m, :tM)", "attribute_type(t, :tBOOL)", "attribute_type(z, :tNULL)",
      "attribute_type(nope, :tS)", "begins_with(s, :h)", "begins_with(s, :x)", "begins_with(s, :s)",
      "begins_with(s, :e)", "begins_with(b, :bpre)", "begins_with(b, :h)", "begins_with(n, :h)",
      "begins_with(nope, :h)", "begins_with(m.c, :x)", "contains(s, :ll)", "contains(s, :x)", "contains(s, :e)",
      "contains(ss, :a)", "contains(ss, :c)", "contains(ns, :one)", "contains(ns, :a)", "contains(bs, :bh)",
      "contains(l, :one)", "contains(l, :x)", "contains(l, :lm)", "contains(l, :two)", "contains(m, :x)",
      "contains(n, :n)", "contains(b, :bpre)", "contains(nope, :x)", "contains(ss, :ss)", "size(s) = :n",
      "size(s) > :one", "size(u) = :three", "size(u) = :four", "size(b) = :n", "size(ss) = :two",
      "size(l) = :four", "size(m) = :three", "size(n) = :one", "size(t) = :one", "size(nope) = :n0",
      "size(l) > size(ss)", "size(es) = :n0", "size(m.a.b) = :two", "NOT s = :s", "NOT attribute_exists(s)",
      "NOT contains(s, :x)", "s = :s AND n = :n", "s = :s OR n = :x", "s = :x OR n = :n AND t = :f",
      "(s = :x OR n = :n) AND t = :f", "NOT (s = :s AND n = :n)", "NOT NOT s = :s",
      "attribute_exists(s) AND NOT attribute_exists(nope)", "s = :s and n = :n", "s = :s Or n = :n",
      "not s = :s", "S = :s", "(s) = :s", "(s = :s)", "((s = :s))", "s = :s AND (n = :n OR t = :t)",
      "n <> :n0", "es = :e", "s=:s", "s\t=\n:s", "n IN (:one,:two)", "s between :a and :zz",
      "NOT s = :x AND NOT n = :one", "s = :s OR n = :n OR t = :t", "n > :neg", "neg < :n0", "n2 = :n10",
      "n2 > :n10", "l[1] IN (:x, :s)", ":s = s", ":n = :n5", ":one < :two", "size(s) BETWEEN :one AND :n",
      "size(s) IN (:n)", "m.a.b[0] <> m.n", "n2 > n", "n = n2");

  /**
   * Conditions expected to be rejected (run against one item). Not here: {@code attribute_type(s, n)}, whose
   * message lists DynamoDB Local's internal type names in an order that changes from run to run.
   */
  static final List<String> BAD_CONDITIONS = List.of(
      "", "   ", "s = = :s", "s =", "= :s", "s = :s AND", "s = :s :x", "s @ :s", "s = :undefined",
      "#undefined = :s", "status = :s", "STATUS = :s", "m.status = :s", "s = :s OR name = :x", "foo(s)",
      "size(s)", "attribute_exists(:s)", "attribute_exists(s, n)", "begins_with(s)", "attribute_type(s, :tX)",
      "attribute_type(s, :n)", "if_not_exists(s, :s) = :s", "list_append(l, :l) = :l",
      "attribute_exists(s) = :t", "n BETWEEN :n10 AND :n0", "n BETWEEN :n AND :s", "s < :t", "s < :ss",
      "s > :l", "begins_with(s, :n)", "begins_with(:s, :h)", "s = s", "contains(s, s)", "n IN ()", "s IN (:s",
      "l[ = :s", "l[a] = :s", "l[-1] = :s", "1a = :s", "a-b = :s", "s = :s)", "(s = :s", "s BETWEEN :a",
      "NOT", "s = :s ANDn = :n", "s.#undefined = :s", "size(:s) = :n", "size(s, n) = :n", "Size(s) = :n",
      "attribute_exists(s) AND foo(n)", "s = :s AND status = :x", "s BETWEEN :one AND :t",
      "n IN (:s, :s, :n, :n)", "s = :s = :s", "(s = :s))", "s.a.b.c.d = :s AND data = :x", "s[0 = :s",
      "begins_with(s, :h, :x)", "contains(s)", "l[99999999999] = :s", "ADD = :s", "s = :s SET",
      "s <> :s > :n", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee.ff.gg = :s",
      "#s = :x AND #s = :x OR", "s = :e AND size(s) < :ss", "missing = :s", "attribute_exists(missing)",
      "_a = :s", "a__b = :s AND #s = :s", "s = :s AND #0 = :s AND #s = :x", "n = :e2", "attribute_type(s, :e)");

  /** Updates run against every item. */
  static final List<String> UPDATES = List.of(
      "SET s = :x", "SET newattr = :x", "SET n = n + :one", "SET n = n - :one", "SET n = :one + :two",
      "SET n = n + :neg", "SET n2 = n2 + :n10", "SET n = n + :big", "SET n = n - :tiny", "SET n = s + :one",
      "SET n = nope + :one", "SET x = if_not_exists(nope, :n)", "SET x = if_not_exists(s, :n)",
      "SET s = if_not_exists(s, :x)", "SET l = list_append(l, :l)", "SET l = list_append(:l, l)",
      "SET l = list_append(s, :l)", "SET l = list_append(nope, :l)", "SET x = list_append(:l, :l2)",
      "SET m.c = :n", "SET m.newkey = :n", "SET m.a.b[0] = :x", "SET m.a.b[9] = :x", "SET l[1] = :n",
      "SET l[10] = :n", "SET nope.a = :x", "SET s.a = :x", "SET m.zz.y = :x", "SET l[0].x = :x",
      "SET s[0] = :x", "SET #st = :x", "SET #ab = :x", "SET a.b = :x", "SET a = :x, b = :n",
      "SET a = s, s = :x", "SET a = n + :one, n = :n0", "REMOVE s", "REMOVE nope", "REMOVE m.c",
      "REMOVE m.a.b[0]", "REMOVE l[0], l[2]", "REMOVE l[2], l[0]", "REMOVE l[9]", "REMOVE nope.a",
      "REMOVE m.zz.y", "REMOVE s.x", "REMOVE l[1].x", "ADD n :one", "ADD nope :one", "ADD ss :ssc",
      "ADD ns :ns3", "ADD newset :ss", "ADD ss :ss", "ADD s :one", "ADD ss :ns", "ADD m.n :one", "ADD l[0] :one",
      "DELETE ss :ss", "DELETE ss :ssa", "DELETE ss :ssc", "DELETE ns :ns", "DELETE nope :ss", "DELETE s :ss",
      "DELETE ss :ns", "SET s = :x REMOVE n ADD ns :ns3 DELETE ss :ssa", "REMOVE n SET s = :x",
      "set s = :x remove n", "SET l = list_append(l, :l2), n = n + :one", "SET l[0] = :x REMOVE l[1]",
      "SET m.a.b[5] = :x, m.a.b[6] = :n", "SET #m.#c = :x", "SET n = (n + :one)", "SET x = :m, y = :ss",
      "SET l[2].k = :x", "SET l[3][0] = :x", "SET l[3][5] = :x", "REMOVE l[3][0]", "SET x = :e",
      "SET n = :n0 - n", "SET x = if_not_exists(m.c, :n)", "SET x = if_not_exists(m.zz, :n)",
      "SET x = list_append(if_not_exists(l, :l2), :l)", "SET s = :x, n = :n, t = :f, z = :nul",
      "REMOVE s, n, ss, ns, l, m", "ADD n :neg, ss :ssc", "SET n = n + :n5", "SET n = n - :n", "SET x = :e2 + :one", "SET x = :big - :big",
      "SET l[4] = :x, l[5] = :n", "SET l[5] = :x, l[4] = :n", "SET nope = if_not_exists(nope, :n0) + :one",
      "ADD ss :ssa, ns :ns", "SET x = list_append(:l, :l)", "SET #s = :x REMOVE #n", "SET m.a.b = :x",
      "SET m.a = :m", "REMOVE m.a.b[1], m.a.b[0]", "REMOVE l[3][0], l[2].k", "DELETE bs :bs", "ADD bs :bs",
      "SET x = :tiny + :tiny", "SET x = :max + :max", "SET x = :p38 + :tiny", "SET x = :p38 + :one",
      "SET x = :minpos - :minpos", "SET x = :n0 - :max", "ADD n :p38", "SET x = if_not_exists(nope, if_not_exists(s, :x))");

  /** Updates expected to be rejected whatever the item. */
  static final List<String> BAD_UPDATES = List.of(
      "SET s = :x, s = :h", "SET m = :x, m.c = :x", "SET m.c = :x REMOVE m", "SET l[0] = :x, l.a = :x",
      "SET s = :x SET n = :n", "REMOVE s REMOVE n", "ADD n :one ADD ss :ss", "DELETE ss :ss DELETE ns :ns",
      "SET s = :x + :one", "SET n = :n + :s", "ADD n :s", "ADD n :l", "ADD n :t", "DELETE ss :s", "DELETE ss :n",
      "SET s = size(s)", "SET s = foo(:x)", "SET s = attribute_exists(s)", "SET s =", "SET", "", "SET s = :undefined",
      "SET #undefined = :x", "SET status = :x", "SET n = :one + :two + :one", "SET x = if_not_exists(:n, :n)",
      "UPDATE s = :x", "SET s :x", "REMOVE", "REMOVE s,", "ADD n", "ADD n n", "DELETE ss ss",
      "SET x = list_append(:l, :s)", "SET x = list_append(:l)", "SET x = if_not_exists(s)", "SET l[0] = :x, l[0] = :n",
      "SET a = :x, a.b = :x", "REMOVE a.b, a", "SET #s = :x, s = :h", "SET x = (:one)", "SET x = :one - (n + :one)",
      "SET x = n + (:one)", "SET s = :x,", "SET x = :one -", "SET x = :x AND y = :x", "SET x = if_not_exists(s, :x) + :one",
      "REMOVE :x", "SET :x = :x", "ADD :x :one", "SET s = :x DELETE", "SET s = :x REMOVE s", "SET missing = :x",
      "REMOVE l[0], l[0]", "SET m.a.b[0] = :x, m.a.b = :x", "SET l[1] = :x, l[01] = :n", "set s = :x Set n = :n",
      "SET x = :big + :big + :big", "ADD ss :ssa, ss :ssc", "SET a = :x, #ab = :x, #s = :h, n = :n, s = :s");

  static final List<String> PROJECTIONS = List.of(
      "s", "s, n", "m.c", "m.a.b[1]", "l[0], l[2]", "l[2].k", "l[3][0]", "m.a.b[5]", "missing", "m.zz", "#st",
      "#ab", "a.b", "l[1], l[0]", "m.a, m.c", "s.x", "l[9].x", "l[0].x", "m.a.b[0], m.a.b[1], s", "l[2], l[3]",
      "a1, #s", "m.a.b", "m.c.d", "nope", "nope.x", "l[1], nope, s");
  static final List<String> BAD_PROJECTIONS = List.of(
      "s, s", "m, m.c", "m.c, m", "l[0], l.x", "status", "s,", "", "s n", "#undefined", "s = :s", "size(s)",
      "m.status", "l[a]", "(s)", "s, #s", ":s", "s.", "l[0][", "name, data");

  /** Key conditions on table {@code kn} (hash pk S = "q", range sk N 1..5). */
  static final List<String> KEY_CONDITIONS_N = List.of(
      "pk = :q", "pk = :q AND sk = :two", "pk = :q AND sk < :three", "sk > :one AND pk = :q",
      "pk = :q AND sk BETWEEN :two AND :four", "pk = :q AND sk >= :three", "pk = :q AND sk <= :three",
      "pk = :q AND sk > :three", "#pk = :q AND #sk = :one", "(pk = :q) AND (sk = :two)", "pk = :q AND (sk = :two)",
      "(pk = :q AND sk = :two)", "pk = :q AND sk <> :two", "pk = :q OR sk = :two", "sk = :two", "pk < :q",
      "pk = :q AND sk = :one AND sk = :two", "pk = :q AND other = :one", "pk = :q AND v = :one", "v = :one", "NOT pk = :q", "pk = :q AND sk IN (:one)",
      "pk.x = :q", "attribute_exists(pk)", "pk = :q AND sk BETWEEN :four AND :two", ":q = pk", "pk = pk",
      "pk = :q AND pk = :q", "pk = :q AND attribute_exists(sk)", "pk = :q AND contains(sk, :one)",
      "pk = :q AND size(sk) = :one", "pk = :q AND sk.x = :one", "pk = :q and sk = :two", "pk IN (:q)",
      "pk = :q AND :two = sk", "pk = :q AND sk BETWEEN :two AND sk", "pk = :q AND", "pk = :undefined",
      "other = :q", "pk BETWEEN :q AND :q", "begins_with(pk, :q)", "pk = :q AND sk = :two OR sk = :three");
  /** Key conditions on table {@code ks} (hash pk S = "q", range sk S a, ab, abc, b). */
  static final List<String> KEY_CONDITIONS_S = List.of(
      "pk = :q AND begins_with(sk, :sa)", "pk = :q AND begins_with(sk, :sab)", "pk = :q AND begins_with(sk, :e)",
      "pk = :q AND sk > :sa", "pk = :q AND sk BETWEEN :sab AND :sb", "pk = :q AND begins_with(sk, :sb)",
      "pk = :q AND sk < :sab", "pk = :q AND begins_with(:sa, sk)");

  static ObjectNode parse(String json) {
    try {
      return json == null ? null : (ObjectNode) LocalReference.JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static final Pattern NAME_REF = Pattern.compile("#[A-Za-z0-9_]+");
  private static final Pattern VALUE_REF = Pattern.compile(":[A-Za-z0-9_]+");

  /** @return the entries of the shared names map that the text mentions, or {@code null} when none */
  static ObjectNode namesFor(String text) {
    return pick(parse(NAMES), NAME_REF.matcher(text));
  }

  /** @return the entries of the shared values map that the text mentions, or {@code null} when none */
  static ObjectNode valuesFor(String text) {
    return pick(parse(VALUES), VALUE_REF.matcher(text));
  }

  private static ObjectNode pick(ObjectNode all, Matcher m) {
    ObjectNode out = LocalReference.JSON.createObjectNode();
    while (m.find()) {
      JsonNode v = all.get(m.group());
      if (v != null) {
        out.set(m.group(), v);
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** @return the item's fields in key order, numbers canonical, sets sorted (DynamoDB's order is not defined) */
  static JsonNode normalize(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = LocalReference.JSON.createObjectNode();
      java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
        String k = it.next();
        sorted.put(k, node.get(k));
      }
      for (var e : sorted.entrySet()) {
        String k = e.getKey();
        JsonNode v = e.getValue();
        if (k.equals("N") && v.isTextual()) {
          out.put(k, new java.math.BigDecimal(v.asText()).stripTrailingZeros().toPlainString());
        } else if ((k.equals("SS") || k.equals("NS") || k.equals("BS")) && v.isArray()) {
          List<String> elements = new java.util.ArrayList<>();
          v.forEach(x -> elements.add(k.equals("NS")
              ? new java.math.BigDecimal(x.asText()).stripTrailingZeros().toPlainString() : x.asText()));
          java.util.Collections.sort(elements);
          var array = out.putArray(k);
          elements.forEach(array::add);
        } else {
          out.set(k, normalize(v));
        }
      }
      return out;
    }
    if (node.isArray()) {
      var out = LocalReference.JSON.createArrayNode();
      node.forEach(x -> out.add(normalize(x)));
      return out;
    }
    return node;
  }
}
