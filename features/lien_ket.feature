# language: vi
Tính năng: Liên kết giữa các văn bản và trạng thái đi kèm
  Văn bản căn cứ, thực hiện, trả lời, báo cáo về, thay thế văn bản khác.
  Văn bản được dẫn chiếu mà xã không giữ (như Nghị định 30/2020/NĐ-CP) vẫn ghi được,
  và khi văn bản đó về đến xã thì vào sổ ngay trên bản ghi cũ.
  Khi văn bản được ban hành, văn bản liên quan chuyển trạng thái theo:
  báo cáo về một kế hoạch thì kế hoạch "Đã báo cáo", trả lời một văn bản đến thì văn bản đến
  "Đã xử lý xong", thay thế một quyết định thì quyết định cũ "Bị thay thế";
  mỗi lần chuyển như vậy được ghi vào lịch sử, nêu rõ do văn bản nào.

  Bối cảnh:
    Cho sổ đăng ký văn bản của "Ủy ban nhân dân xã Phú Thái"
    Và văn thư đã đặt số tiếp theo của sổ kế hoạch năm 2025 là 90
    Và văn thư đã đặt số tiếp theo của sổ công văn năm 2025 là 675
    Và văn thư đã vào sổ kế hoạch "Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025

  Khung kịch bản: Dẫn chiếu văn bản xã chưa giữ, rồi vào sổ khi văn bản đó về đến xã
    Khi chuyên viên ghi văn bản "90/KH-UBND" căn cứ văn bản "<số, ký hiệu>"
    Thì "<số, ký hiệu>" là văn bản chỉ dẫn chiếu của "<cơ quan ban hành>"
    Và "<số, ký hiệu>" không có trong sổ văn bản đến
    Khi văn thư vào sổ văn bản đến "<số, ký hiệu>" của "<cơ quan gửi>" ngày <ngày văn bản>, đến ngày 13/11/2025, trích yếu "<trích yếu>"
    Thì văn bản dẫn chiếu "<số, ký hiệu>" được vào sổ ngay trên bản ghi cũ, với số đến 1
    Và văn bản "<số, ký hiệu>" ở trạng thái "Đã vào sổ"
    Và văn bản "90/KH-UBND" vẫn căn cứ văn bản "<số, ký hiệu>"

    Dữ liệu:
      | số, ký hiệu    | cơ quan ban hành                             | cơ quan gửi | ngày văn bản | trích yếu                                                |
      | 30/2020/NĐ-CP  | Chính phủ                                    | CP          | 5/3/2020     | Về công tác văn thư                                      |
      | 516/SKHCN-TTTT | Sở Khoa học và Công nghệ thành phố Hải Phòng | SKHCN       | 12/11/2025   | Báo cáo kết quả triển khai phong trào Bình dân học vụ số |

  Kịch bản: Văn bản không thể thực hiện chính nó
    Khi chuyên viên ghi văn bản "90/KH-UBND" thực hiện văn bản "90/KH-UBND"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "không thể liên kết với chính nó"
    Và dữ liệu trong sổ không thay đổi

  Khung kịch bản: Văn bản không thể thực hiện văn bản đang thực hiện nó, trực tiếp hay gián tiếp
    Cho văn thư đã vào sổ các văn bản đã ký:
      | loại     | đơn vị | trích yếu                                                  | ngày       |
      | kế hoạch |        | Hoạt động của các Tổ công nghệ số cộng đồng                | 1/10/2025  |
      | công văn | VHXH   | Triển khai hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia | 10/10/2025 |
    Và chuyên viên đã ghi các liên kết:
      | văn bản       | liên kết  | văn bản được liên kết |
      | 91/KH-UBND    | thực hiện | 90/KH-UBND            |
      | 675/UBND-VHXH | thực hiện | 91/KH-UBND            |
    Khi chuyên viên ghi văn bản "90/KH-UBND" thực hiện văn bản "<văn bản>"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "<văn bản> đã thực hiện (trực tiếp hay gián tiếp) 90/KH-UBND"
    Và thông báo lỗi có "vòng lặp"
    Và dữ liệu trong sổ không thay đổi

    Dữ liệu:
      | văn bản       |
      | 91/KH-UBND    |
      | 675/UBND-VHXH |

  Kịch bản: Không thay thế được văn bản của cơ quan khác
    Cho văn thư đã vào sổ văn bản đến "45/KH-SKHCN" của "SKHCN" ngày 10/11/2025, đến ngày 12/11/2025, trích yếu "Kế hoạch chuyển đổi số năm 2025"
    Khi chuyên viên ghi văn bản "90/KH-UBND" thay thế văn bản "45/KH-SKHCN"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "không thể thay thế"
    Và thông báo lỗi có "Sở Khoa học và Công nghệ thành phố Hải Phòng"
    Và thông báo lỗi có "Chỉ cơ quan ban hành mới thay thế được văn bản của mình"
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "45/KH-SKHCN" ở trạng thái "Đã vào sổ"

  Kịch bản: Kế hoạch không sửa đổi được quyết định đang thực hiện nó
    Cho văn thư đã đặt số tiếp theo của sổ quyết định năm 2025 là 968
    Và văn thư đã vào sổ các văn bản đã ký:
      | loại       | đơn vị | trích yếu                                                 | ngày      |
      | quyết định |        | Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng | 3/10/2025 |
    Và chuyên viên đã ghi các liên kết:
      | văn bản     | liên kết  | văn bản được liên kết |
      | 968/QĐ-UBND | thực hiện | 90/KH-UBND            |
    Khi chuyên viên ghi văn bản "90/KH-UBND" sửa đổi văn bản "968/QĐ-UBND"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "968/QĐ-UBND đã thực hiện (trực tiếp hay gián tiếp) 90/KH-UBND"
    Và thông báo lỗi có "vòng lặp"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Kế hoạch đã bị thay thế không thay thế lại kế hoạch thay thế nó
    Cho văn thư đã vào sổ các văn bản đã ký:
      | loại     | đơn vị | trích yếu                                   | ngày      |
      | kế hoạch |        | Hoạt động của các Tổ công nghệ số cộng đồng | 1/10/2025 |
    Và văn thư đã ghi các liên kết:
      | văn bản    | liên kết | văn bản được liên kết |
      | 91/KH-UBND | thay thế | 90/KH-UBND            |
    Khi chuyên viên ghi văn bản "90/KH-UBND" thay thế văn bản "91/KH-UBND"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "91/KH-UBND đã thay thế (trực tiếp hay gián tiếp) 90/KH-UBND"
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "91/KH-UBND" ở trạng thái "Đã ban hành"
    Và văn bản "90/KH-UBND" ở trạng thái "Bị thay thế"

  Kịch bản: Văn bản đã ban hành không thay thế một dự thảo chưa ban hành
    Cho chuyên viên đã soạn dự thảo kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng"
    Khi chuyên viên ghi văn bản "90/KH-UBND" thay thế văn bản "Hoạt động của các Tổ công nghệ số cộng đồng"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "đang ở trạng thái «Dự thảo»"
    Và thông báo lỗi có "hủy dự thảo"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Kế hoạch không thay thế được công văn, dù là công văn thực hiện nó
    Cho văn thư đã vào sổ các văn bản đã ký:
      | loại     | đơn vị | trích yếu                                                  | ngày       |
      | công văn | VHXH   | Triển khai hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia | 10/10/2025 |
    Và chuyên viên đã ghi các liên kết:
      | văn bản       | liên kết  | văn bản được liên kết |
      | 675/UBND-VHXH | thực hiện | 90/KH-UBND            |
    Khi chuyên viên ghi văn bản "90/KH-UBND" thay thế văn bản "675/UBND-VHXH"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "khác loại văn bản"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Ban hành báo cáo về một kế hoạch thì kế hoạch chuyển sang "Đã báo cáo"
    Cho văn thư đã phân công văn bản "90/KH-UBND" cho "VHXH" chủ trì
    Và chuyên viên đã soạn dự thảo báo cáo "Kết quả tổ chức Ngày Chuyển đổi số quốc gia"
    Và chuyên viên đã ghi văn bản "Kết quả tổ chức Ngày Chuyển đổi số quốc gia" báo cáo về văn bản "90/KH-UBND"
    Thì văn bản "90/KH-UBND" ở trạng thái "Đang thực hiện"
    Khi văn thư ban hành văn bản "Kết quả tổ chức Ngày Chuyển đổi số quốc gia" ngày 20/10/2025
    Thì báo cáo "Kết quả tổ chức Ngày Chuyển đổi số quốc gia" được cấp số, ký hiệu "01/BC-UBND"
    Và văn bản "90/KH-UBND" ở trạng thái "Đã báo cáo"
    Và lịch sử của văn bản "90/KH-UBND" có sự kiện "Báo cáo kết quả" từ "Đang thực hiện" sang "Đã báo cáo" do văn bản "01/BC-UBND"

  Kịch bản: Báo cáo đã ban hành rồi mới ghi liên kết thì kế hoạch cũng chuyển ngay
    Cho văn thư đã vào sổ báo cáo "Kết quả tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 20/10/2025
    Khi chuyên viên ghi văn bản "01/BC-UBND" báo cáo về văn bản "90/KH-UBND"
    Thì văn bản "90/KH-UBND" ở trạng thái "Đã báo cáo"
    Và lịch sử của văn bản "90/KH-UBND" có sự kiện "Báo cáo kết quả" từ "Đã ban hành" sang "Đã báo cáo" do văn bản "01/BC-UBND"

  Kịch bản: Chỉ báo cáo mới "báo cáo về" văn bản khác
    Khi chuyên viên ghi văn bản "90/KH-UBND" báo cáo về văn bản "30/2020/NĐ-CP"
    Thì thao tác bị từ chối vì liên kết không hợp lệ, mã lỗi 1
    Và thông báo lỗi có "90/KH-UBND không phải là báo cáo"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Ban hành công văn trả lời một văn bản đến thì văn bản đến "Đã xử lý xong"
    Cho văn thư đã vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Đề nghị báo cáo kết quả phong trào Bình dân học vụ số"
    Và văn thư đã phân công văn bản "516/SKHCN-TTTT" cho "VHXH" chủ trì
    Và chuyên viên đã soạn dự thảo công văn "Trả lời về kết quả phong trào Bình dân học vụ số" do đơn vị "VHXH" soạn thảo
    Và chuyên viên đã ghi văn bản "Trả lời về kết quả phong trào Bình dân học vụ số" trả lời văn bản "516/SKHCN-TTTT"
    Thì văn bản "516/SKHCN-TTTT" ở trạng thái "Đã phân công, đang xử lý"
    Khi văn thư ban hành văn bản "Trả lời về kết quả phong trào Bình dân học vụ số" ngày 20/11/2025
    Thì công văn "Trả lời về kết quả phong trào Bình dân học vụ số" được cấp số, ký hiệu "675/UBND-VHXH"
    Và văn bản "516/SKHCN-TTTT" ở trạng thái "Đã xử lý xong"
    Và lịch sử của văn bản "516/SKHCN-TTTT" có sự kiện "Hoàn thành xử lý" từ "Đã phân công, đang xử lý" sang "Đã xử lý xong" do văn bản "675/UBND-VHXH"

  Kịch bản: Ban hành quyết định thay thế thì quyết định cũ "Bị thay thế"
    Cho văn thư đã đặt số tiếp theo của sổ quyết định năm 2025 là 968
    Và văn thư đã vào sổ quyết định "Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng" đã ký ngày 3/10/2025
    Và chuyên viên đã soạn dự thảo quyết định "Kiện toàn Tổ công tác Đề án 06/CP (thay thế Quyết định số 968/QĐ-UBND)"
    Và chuyên viên đã ghi văn bản "Kiện toàn Tổ công tác Đề án 06/CP (thay thế Quyết định số 968/QĐ-UBND)" thay thế văn bản "968/QĐ-UBND"
    Thì văn bản "968/QĐ-UBND" ở trạng thái "Đã ban hành"
    Khi văn thư ban hành văn bản "Kiện toàn Tổ công tác Đề án 06/CP (thay thế Quyết định số 968/QĐ-UBND)" ngày 15/10/2025
    Thì quyết định "Kiện toàn Tổ công tác Đề án 06/CP (thay thế Quyết định số 968/QĐ-UBND)" được cấp số, ký hiệu "969/QĐ-UBND"
    Và văn bản "968/QĐ-UBND" ở trạng thái "Bị thay thế"
    Và lịch sử của văn bản "968/QĐ-UBND" có sự kiện "Thay thế" từ "Đã ban hành" sang "Bị thay thế" do văn bản "969/QĐ-UBND"
    Và văn bản "968/QĐ-UBND" vẫn giữ số, ký hiệu "968/QĐ-UBND"

  Kịch bản: Dự thảo chưa ban hành thì chưa làm văn bản liên quan đổi trạng thái
    Cho chuyên viên đã soạn dự thảo báo cáo "Kết quả tổ chức Ngày Chuyển đổi số quốc gia"
    Khi chuyên viên ghi văn bản "Kết quả tổ chức Ngày Chuyển đổi số quốc gia" báo cáo về văn bản "90/KH-UBND"
    Và văn thư hủy dự thảo "Kết quả tổ chức Ngày Chuyển đổi số quốc gia"
    Thì văn bản "90/KH-UBND" ở trạng thái "Đã ban hành"
    Và lịch sử của văn bản "90/KH-UBND" không có sự kiện nào do văn bản khác gây ra
