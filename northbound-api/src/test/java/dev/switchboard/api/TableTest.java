package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsTextLeftAndNumbersRightWithTwoSpacesBetween() {
        Table t = new Table("NAME", "SESSIONS#", "STATE").row("web-1", 7, "up").row("web-22", 1234, null);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.lines()).containsExactly(
                "NAME    SESSIONS  STATE",
                "web-1          7  up",
                "web-22      1234  -");
    }

    @Test
    void printWritesTheSameLines() {
        Table t = new Table("A", "B#").row("x", 1);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            t.print(out);
        }
        assertThat(text.toString().lines()).containsExactlyElementsOf(t.lines());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        Table t = new Table("A", "B");
        assertThatThrownBy(() -> t.row("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 1 cells, table 2");
        assertThat(t.size()).isZero();
    }
}
