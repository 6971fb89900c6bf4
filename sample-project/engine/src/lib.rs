//! Loads engine settings from disk.
use std::fs;

pub struct Settings {
    pub threads: usize,
}

pub fn load(path: &str) -> Result<Settings, std::io::Error> {
    let text = fs::read_to_string(path).unwrap();
    let threads = text.trim().parse().expect("threads must be a number");
    let _ = fs::remove_file(format!("{path}.lock"));
    Ok(Settings { threads })
}

pub fn mode(name: &str) -> u8 {
    match name {
        "fast" => 1,
        "safe" => 2,
        _ => todo!("other modes"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn loads() {
        let settings = super::load("settings.txt").unwrap();
        assert_eq!(settings.threads, 4);
    }
}
