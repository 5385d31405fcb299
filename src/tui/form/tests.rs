//! Form keys: moving between fields, editing, choices, completion, submit and cancel.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn press(form: &mut Form, code: KeyCode) -> FormEvent {
    form.on_key(
        &KeyEvent::new(code, KeyModifiers::NONE),
        &Keymap::defaults(),
    )
}

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        press(form, KeyCode::Char(c));
    }
}

fn sample() -> Form {
    Form::new(vec![
        Field::new("name", "Name", FieldKind::Text).required(),
        Field::new("path", "Physical path", FieldKind::Path),
        Field::new(
            "pipeline",
            "Pipeline mode",
            FieldKind::Enum(vec![Choice::new("Integrated"), Choice::new("Classic")]),
        )
        .value("Integrated"),
        Field::new("start", "Start", FieldKind::Bool).value("true"),
        Field::new("port", "Port", FieldKind::Number { min: 1, max: 65535 }).value("80"),
    ])
}

#[test]
fn every_error_is_visible_at_once_and_clears_as_you_type() {
    let mut form = sample();
    assert_eq!(form.fields[0].error.as_deref(), Some("required"));
    form.focused = 4;
    press(&mut form, KeyCode::Backspace);
    press(&mut form, KeyCode::Backspace);
    typed(&mut form, "0");
    assert!(form.fields[4].error.is_some());
    assert_eq!(
        form.fields.iter().filter(|f| f.error.is_some()).count(),
        2,
        "both errors at once"
    );
    form.focused = 0;
    typed(&mut form, "shop");
    assert_eq!(form.fields[0].error, None);
    assert!(form.focus_first_error());
    assert_eq!(form.focused, 4);
}

#[test]
fn tab_enter_and_arrows_move_between_fields() {
    let mut form = sample();
    typed(&mut form, "shop");
    assert_eq!(press(&mut form, KeyCode::Enter), FormEvent::None);
    assert_eq!(form.focused, 1);
    press(&mut form, KeyCode::Down);
    assert_eq!(form.focused, 2);
    press(&mut form, KeyCode::BackTab);
    press(&mut form, KeyCode::Up);
    assert_eq!(form.focused, 0);
    form.focused = 4;
    assert_eq!(press(&mut form, KeyCode::Enter), FormEvent::Submit);
    assert_eq!(
        form.on_key(
            &KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
            &Keymap::defaults()
        ),
        FormEvent::Submit
    );
    assert_eq!(press(&mut form, KeyCode::Esc), FormEvent::Cancel);
}

#[test]
fn choices_step_pick_and_filter() {
    let mut form = sample();
    form.focused = 2;
    assert_eq!(press(&mut form, KeyCode::Right), FormEvent::Changed(2));
    assert_eq!(form.text("pipeline"), "Classic");
    typed(&mut form, "int");
    assert!(form.picker.is_some(), "typing opens the filtered choices");
    assert_eq!(press(&mut form, KeyCode::Enter), FormEvent::Changed(2));
    assert_eq!(form.text("pipeline"), "Integrated");
    form.focused = 3;
    assert_eq!(press(&mut form, KeyCode::Char(' ')), FormEvent::Changed(3));
    assert_eq!(form.text("start"), "false");
}

#[test]
fn tab_in_a_path_field_completes_folder_names() {
    let mut form = sample();
    form.focused = 1;
    typed(&mut form, "C:\\inetpub\\ww");
    assert_eq!(press(&mut form, KeyCode::Tab), FormEvent::Complete(1));
    let folders = vec![String::from("wwwroot"), String::from("logs")];
    form.complete(1, &folders);
    assert_eq!(form.text("path"), "C:\\inetpub\\wwwroot\\");
    typed(&mut form, "s");
    let many = vec![String::from("shop-a"), String::from("shop-b")];
    form.complete(1, &many);
    assert_eq!(form.text("path"), "C:\\inetpub\\wwwroot\\shop-");
    assert_eq!(form.completions.as_ref().map(|(_, n)| n.len()), Some(2));
    form.complete(1, &[]);
    assert_eq!(form.focused, 2, "nothing to complete: Tab moves on");
}

#[test]
fn paste_goes_into_the_focused_text_field() {
    let mut form = sample();
    assert_eq!(form.paste("shop.example.com\n"), FormEvent::Changed(0));
    assert_eq!(form.text("name"), "shop.example.com");
    form.focused = 2;
    assert_eq!(form.paste("Classic"), FormEvent::None);
}

/// The form drawn 60 columns wide and `rows` high, as text.
fn drawn(form: &Form, rows: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut terminal = Terminal::new(TestBackend::new(60, rows)).expect("terminal");
    terminal
        .draw(|frame| {
            render_form(
                frame,
                frame.area(),
                form,
                &crate::tui::theme::Theme::default_theme(),
                true,
            )
        })
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn values_from_a_file_are_drawn_escaped() {
    let mut form = Form::new(vec![
        Field::new("path", "Physical path", FieldKind::Path).value("C:\\a\u{1b}[31m\u{202e}b"),
        Field::new("name", "Name", FieldKind::Text).value("x\u{85}y"),
    ]);
    form.focused = 1;
    let text = drawn(&form, 4);
    assert!(text.contains("C:\\a\\x1b[31m\\u{202e}b"), "{text}");
    assert!(text.contains("x\\u{85}y"), "{text}");
}

#[test]
fn a_long_message_wraps_under_its_field_and_the_box_makes_room() {
    let mut form = Form::new(vec![
        Field::new("host", "Host name", FieldKind::Text),
        Field::new("port", "Port", FieldKind::Text),
    ]);
    let words = "an empty host name answers for every name pointed at this address: anyone who \
                 points a domain here gets this site (subdomain takeover) end";
    form.fields[0].warning = Some(words.to_owned());
    let rows = form_rows(&form, 60);
    assert!(
        rows >= 5,
        "two fields and a warning over three rows or more: {rows}"
    );
    let text = drawn(&form, rows);
    assert!(!text.contains('…'), "{text}");
    assert!(text.contains("end"), "the last word shows: {text}");
    assert!(text.contains("Port"), "the next field still shows: {text}");
}
