//! A desktop notification server (org.freedesktop.Notifications) of the test's own on the
//! session bus: it records every notification the app shows and can click one, as a desktop's
//! would. The tests run under `dbus-run-session` (`cargo xtask e2e`), where nothing else holds
//! the name.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

/// A notification as the app sent it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
}

struct Server {
    shown: Arc<Mutex<Vec<Shown>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = shown.len() as u32 + 1;
        shown.push(Shown { id, app_name, summary, body, actions });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into(), "actions".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("seller-desk-tests".into(), "Seller Desk".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}

    #[zbus(signal)]
    async fn action_invoked(emitter: &SignalEmitter<'_>, id: u32, action_key: &str) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn notification_closed(emitter: &SignalEmitter<'_>, id: u32, reason: u32) -> zbus::Result<()>;
}

const PATH: &str = "/org/freedesktop/Notifications";

/// The running server; dropped, it leaves the bus.
pub struct NotificationServer {
    connection: zbus::Connection,
    shown: Arc<Mutex<Vec<Shown>>>,
}

impl NotificationServer {
    pub async fn start() -> NotificationServer {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::session()
            .and_then(|b| b.name("org.freedesktop.Notifications"))
            .and_then(|b| b.serve_at(PATH, Server { shown: Arc::clone(&shown) }))
            .expect("a session bus: run the end-to-end tests through `cargo xtask e2e`")
            .build()
            .await
            .expect("the notification server's name on the session bus");
        NotificationServer { connection, shown }
    }

    /// Every notification shown so far.
    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap().clone()
    }

    /// Clicks notification `id` (its default action), as a person would.
    pub async fn click(&self, id: u32) {
        let iface = self.connection.object_server().interface::<_, Server>(PATH).await.unwrap();
        Server::action_invoked(iface.signal_emitter(), id, "default").await.unwrap();
        Server::notification_closed(iface.signal_emitter(), id, 2).await.unwrap();
    }
}
