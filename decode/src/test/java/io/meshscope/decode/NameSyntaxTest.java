package io.meshscope.decode;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameSyntaxTest {
    /** Characters on both sides of every class boundary the grammars draw, and a few outside ASCII. */
    private static final String ALPHABET = "az09AZ-._/ bmy\u00e9\u0130";

    @Test
    void everyGrammarAnswersAsItsRegularExpressionOnGeneratedStrings() {
        assertSame("[a-z0-9]([-a-z0-9]*[a-z0-9])?", NameSyntax::isDns1123Label);
        assertSame("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", NameSyntax::isDns1123Subdomain);
        assertSame("[a-z]([-a-z0-9]*[a-z0-9])?", NameSyntax::isDns1035Label);
        assertSame("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]", NameSyntax::isQualifiedNamePart);
        assertSame("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", NameSyntax::isLabelValue);
        assertSame("[-a-z0-9]+", NameSyntax::isPortNameCharset);
        assertSame(".*[a-z].*", NameSyntax::hasLowercaseLetter);
        assertSame("[-._a-zA-Z0-9]+", NameSyntax::isConfigKey);
    }

    @Test
    void countsUtf8BytesAsTheApiServerDoes() {
        assertEquals(3, NameSyntax.utf8Length("abc"));
        assertEquals(3, NameSyntax.utf8Length("a\u00e9"));
        assertEquals(0, NameSyntax.utf8Length(""));
    }

    @Test
    void subdomainLabelsMustEachBeNonEmpty() {
        assertTrue(NameSyntax.isDns1123Subdomain("a.b-c.d"));
        assertFalse(NameSyntax.isDns1123Subdomain("a..b"));
        assertFalse(NameSyntax.isDns1123Subdomain(".a"));
        assertFalse(NameSyntax.isDns1123Subdomain("a."));
        assertFalse(NameSyntax.isDns1123Subdomain("a-.b"));
    }

    private static void assertSame(String regex, Predicate<String> grammar) {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        Random random = new Random(regex.hashCode());
        for (int i = 0; i < 200_000; i++) {
            int length = random.nextInt(7);
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < length; j++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String value = s.toString();
            assertEquals(pattern.matcher(value).matches(), grammar.test(value), regex + " on \"" + value + "\"");
        }
    }
}
